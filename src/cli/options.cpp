#include "cli/options.hpp"

#include <chrono>
#include <iostream>

#include "domain/errors.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

bool ParseOptions(const Args& args, po::options_description& options, po::variables_map& vm,
                  const char* usage, po::positional_options_description* positional) {
  options.add_options()("help,h", "显示帮助 / show help");
  po::command_line_parser parser(args);
  parser.options(options);
  if (positional != nullptr) parser.positional(*positional);
  try {
    po::store(parser.run(), vm);
    // --help before notify(), so that it works without the required options.
    if (vm.count("help")) {
      std::cout << usage << "\n" << options << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw domain::InvalidInput("cli.bad_arguments",
                               std::string("参数错误 bad arguments: ") + e.what());
  }
  return true;
}

domain::Epoch Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace minqing::cli
