// minqing network build --db URL [--apply] [--region CODE]: runs the 1+10 builder on every village
// (of the county, or of one region) and prints the figures; with --apply writes the links, one
// transaction per township.
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/id_node_lease.hpp"
#include "app/services.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "domain/errors.hpp"

namespace minqing::cli {

namespace po = boost::program_options;

int RunNetwork(const Args& args) {
  if (args.empty() || args[0] != "build") {
    std::cout << "用法 usage: minqing network build --db URL [--apply] [--region CODE]\n"
                 "  对每个村运行党员联系户自动编排（最小费用流），--apply 写入结果\n"
                 "  runs the 1+10 builder on every village; --apply writes the links\n";
    return args.empty() ? 2 : (args[0] == "--help" || args[0] == "-h" ? 0 : 2);
  }
  po::options_description options("minqing network build");
  options.add_options()("help,h", "帮助 / help")(
      "db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
      "数据库 / database (file path or postgresql://...)")("apply", "写入结果 / write the links")(
      "region", po::value<std::string>(), "只编排该区划代码之下 / only under this region code");
  po::variables_map vm;
  po::store(po::command_line_parser(Args(args.begin() + 1, args.end())).options(options).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  app::Services services(app::OpenStore(vm["db"].as<std::string>()));
  const app::IdNodeLease id_node(*services.store, ProcessLeaseHolder(0), Now);
  std::optional<domain::Id> region_id;
  if (vm.count("region")) {
    auto region =
        services.store->BeginRead()->Registry().FindRegionByCode(vm["region"].as<std::string>());
    if (!region) throw domain::NotFound("region.not_found", "区划代码不存在");
    region_id = region->id;
  }
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  bool apply = vm.count("apply") > 0;
  app::CountyBuildResult r =
      services.network.BuildCounty(app::SystemActor(now, domain::Channel::kCli), apply, region_id);
  std::printf(
      "%s: %s %lld  户 %lld  联系关系 %lld（新增 %lld，解除 %lld）  未覆盖 %lld\n"
      "小组长联系党员 %lld  未联系党员 %lld\n"
      "builder %.0f ms, total %.0f ms\n",
      apply ? "已写入 applied" : "预览 preview (use --apply to write)",
      services.regions.Levels().Name(domain::RegionLevel::kVillage).c_str(),
      static_cast<long long>(r.villages), static_cast<long long>(r.households),
      static_cast<long long>(r.links), static_cast<long long>(r.added),
      static_cast<long long>(r.removed), static_cast<long long>(r.uncovered),
      static_cast<long long>(r.leader_links), static_cast<long long>(r.members_unled), r.solve_ms,
      r.total_ms);
  return 0;
}

}  // namespace minqing::cli
