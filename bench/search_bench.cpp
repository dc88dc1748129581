// Matter text search at county scale (issue 13): a temporary SQLite database (or the PostgreSQL
// server of --pg URL) gets N matters with Chinese titles, contents, replies and step notes made
// from templates (places, numbers, Latin words, rare characters, punctuation), written through
// the matter repository in large transactions (no HTTP, no use cases). Then, per query class, it
// times the list's first page with its count (MatterRepository::ListMatters, as GET /matters
// asks: 20 rows, newest first) and prints p50/p95 of the wall time and of the thread CPU time
// (SQLite runs in the calling thread; on PostgreSQL the server does the work, so there the CPU
// column is the client's only) over R runs after a first, untimed one whose wall time is shown
// apart (first_max: the slowest first run of the class, with whatever the caches lacked), against a
// plain substring scan of the same normalised search documents run in the same process (the
// baseline: every document read and checked with instr/strpos, newest first). It also prints, per
// class, the misses and false hits of the index (the token candidates checked with instr/strpos,
// all of them, not only the page) against the scan's full answer, and whether the page and the
// capped count agree with the scan.
//
// Usage: search_bench [N, default 1000000] [--reps R, default 7] [--db PATH] [--keep] [--pg URL]
//        [--verbose: each query's p50, max and total on stderr]
//        --db PATH with an existing file measures it again without generating.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "app/matter_store.hpp"
#include "app/store.hpp"
#include "domain/ids.hpp"
#include "domain/matter.hpp"
#include "domain/search_text.hpp"
#include "domain/work_calendar.hpp"
#include "storage/sql_store.hpp"

namespace {

namespace app = minqing::app;
namespace domain = minqing::domain;
using domain::Id;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of the calling thread (SQLite runs the query in it): unlike the wall time, it does
// not grow when other processes share the cores.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

const std::vector<std::string> kVillages = {"东关村", "西街村",   "南河村", "北王庄", "李家营",
                                            "张官屯", "前进社区", "幸福里", "大尹村", "小堤村"};
const std::vector<std::string> kTopics = {
    "路灯不亮",     "自来水管破裂", "化粪池满溢",    "垃圾清运不及时", "楼道灯坏了",
    "低保申请",     "医保报销咨询", "停车难",        "噪音扰民",       "道路坑洼",
    "供暖不热",     "宽带WiFi断网", "LED显示屏损坏", "养老金发放",     "危房改造",
    "农业补贴未到", "邻里纠纷",     "违章建筑",      "下水道堵塞",     "5G信号差"};
const std::vector<std::string> kDetails = {
    "晚上车辆乱停，救护车进不来", "已经反映过三次，一直没人处理", "家中老人行动不便，希望尽快解决",
    "影响孩子上学和休息",         "请有关部门到现场看一看",       "问题持续一个多月了",
    "处理：农业部门答复需要核实", "邻居家的问题也一样",           "希望给个明确答复",
    "电话打不通，只能来窗口反映"};
const std::vector<std::string> kRare = {"𫓧", "〇", "㐀", "𠀀", "鿏"};
const std::vector<std::string> kReplies = {"已派人到现场维修，问题已解决", "已协调供水公司处理",
                                           "经核实，已按政策办理", "已转交相关单位处理"};
const std::vector<std::string> kSteps = {"已到现场核实情况", "联系施工队，约定明日维修",
                                         "已与当事人沟通", "材料已报送镇民政办"};

struct Generated {
  std::int64_t count = 0;
  std::string sample_number;
};

Generated Generate(app::Store& store, std::int64_t n) {
  Generated out;
  std::mt19937_64 rng(20261202);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[rng() % v.size()];
  };
  Id county = 1;
  std::vector<std::pair<Id, std::string>> villages;
  {
    auto tx = store.Begin();
    auto add = [&](Id id, std::optional<Id> parent, domain::RegionLevel level, std::string name,
                   std::string path) {
      domain::Region r;
      r.id = id;
      r.parent_id = parent;
      r.level = level;
      r.name = std::move(name);
      r.path = std::move(path);
      tx->Registry().InsertRegion(r);
    };
    add(county, std::nullopt, domain::RegionLevel::kCounty, "基准县", "/1/");
    for (Id t = 0; t < 10; ++t) {
      Id tid = 10 + t;
      add(tid, county, domain::RegionLevel::kTownship, "镇" + std::to_string(t),
          "/1/" + std::to_string(tid) + "/");
      for (Id v = 0; v < 30; ++v) {
        Id vid = 1000 + t * 100 + v;
        std::string path = "/1/" + std::to_string(tid) + "/" + std::to_string(vid) + "/";
        add(vid, tid, domain::RegionLevel::kVillage, kVillages[v % kVillages.size()], path);
        villages.emplace_back(vid, path);
      }
    }
    tx->Commit();
  }
  const domain::Epoch start = 1733000000;  // A year and a bit before 2026-12.
  const std::int64_t kBatch = 100000;
  std::map<domain::DayNumber, std::int64_t> serials;
  auto started = Clock::now();
  for (std::int64_t done = 0; done < n;) {
    auto tx = store.Begin();
    auto& repo = tx->Matters();
    for (std::int64_t i = 0; i < kBatch && done < n; ++i, ++done) {
      domain::Matter m;
      m.accepted_at = start + done * (31536000 / std::max<std::int64_t>(n, 1)) +
                      static_cast<domain::Epoch>(rng() % 30);
      m.id = (m.accepted_at * 1000 - 1577836800000LL) << 12 | (done & 0xFFF);
      domain::DayNumber day = domain::ChinaDay(m.accepted_at);
      m.number = domain::MatterNumber(domain::FormatDate(day), ++serials[day]);
      const auto& [vid, path] = villages[rng() % villages.size()];
      m.region_id = vid;
      m.region_path = path;
      m.status =
          rng() % 10 == 0 ? domain::MatterStatus::kInProgress : domain::MatterStatus::kClosed;
      const std::string& topic = pick(kTopics);
      std::string place = pick(kVillages) + std::to_string(1 + rng() % 30) + "号楼";
      m.title = place + topic;
      m.content = "我是" + place + std::to_string(100 + rng() % 600) + "室的居民，" + topic + "，" +
                  pick(kDetails) + "。";
      if (rng() % 50 == 0) m.content += "地名里有" + pick(kRare) + "字。";
      if (rng() % 4 == 0) m.content += "联系电话1" + std::to_string(3000000000 + rng() % 999999999);
      std::vector<domain::MatterEvent> events;
      if (m.status == domain::MatterStatus::kClosed) {
        m.reply = pick(kReplies);
        domain::MatterEvent step;
        step.kind = domain::MatterEventKind::kStep;
        step.text = pick(kSteps);
        events.push_back(step);
      }
      m.accepted_by = 1;
      m.response_due_at = m.accepted_at + 3600;
      m.due_at = m.accepted_at + 86400 * 5;
      m.updated_at = m.accepted_at;
      repo.InsertMatter(m);
      repo.IndexMatterText(m.id, domain::MatterSearchDocument(m, events));
      if (done == n / 2) out.sample_number = m.number;
    }
    tx->Commit();
    std::cerr << "\rmatters: " << done << " ("
              << static_cast<int>(Ms(Clock::now() - started) / 1000) << " s)" << std::flush;
  }
  std::cerr << "\n";
  out.count = n;
  return out;
}

// The ids of a query's rows (column 0), with text parameters $1..$n.
std::vector<Id> Ids(minqing::storage::Connection& conn, const std::string& sql,
                    const std::vector<std::string>& params) {
  minqing::storage::Params bound;
  for (const auto& p : params) bound.emplace_back(p);
  std::vector<Id> out;
  for (const auto& row : conn.Query(sql, bound)) out.push_back(row.GetInt64(0));
  return out;
}

struct QueryClass {
  std::string name;
  std::vector<std::string> queries;
};

}  // namespace

int main(int argc, char** argv) {
  std::int64_t n = 1000000;
  int reps = 7;
  std::string db_path;
  std::string pg_url;
  bool keep = false;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc) {
      reps = std::stoi(argv[++i]);
    } else if (a == "--db" && i + 1 < argc) {
      db_path = argv[++i];
    } else if (a == "--pg" && i + 1 < argc) {
      pg_url = argv[++i];
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else {
      n = std::stoll(a);
    }
  }
  bool generate = true;
  if (!pg_url.empty()) {
    db_path = pg_url;
  } else if (db_path.empty()) {
    db_path = (std::filesystem::temp_directory_path() /
               ("search-bench-" + std::to_string(getpid()) + ".db"))
                  .string();
  } else if (std::filesystem::exists(db_path)) {
    generate = false;
  }
  auto store = app::OpenStore(db_path);
  std::string sample = "20250601-00001";
  if (generate) sample = Generate(*store, n).sample_number;
  {
    app::MatterFilter f;
    f.text = "-";
    auto tx = store->BeginRead();
    auto any = tx->Matters().ListMatters(f, {0, 1, ""});
    if (!any.items.empty()) sample = any.items.front().number;
  }
  const std::string date = sample.substr(0, 8);
  const std::string serial = sample.substr(9);
  std::vector<QueryClass> classes = {
      {"cjk_1char", {"灯", "堵", "暖"}},
      {"cjk_2char", {"停车", "低保", "路灯"}},
      {"cjk_3plus", {"化粪池", "自来水管破裂", "救护车进不来"}},
      {"digits", {"13", "502", "3号楼"}},
      {"receipt_number", {sample, date, serial}},
      {"latin", {"wifi", "fi", "LED"}},
      {"rare_chars", {"𫓧", "〇", "𠀀"}},
      {"punctuation", {"理：农", "处理：农业", "理农"}},
      {"broad_200k", {"的", "村", "居民"}},
      {"no_hits", {"火星基地", "zzq", "𫓧〇"}},
  };
  const bool sqlite = pg_url.empty();
  // A second pool on the same database, for the baseline scan and the index's whole answer.
  auto raw = minqing::storage::OpenDatabase(db_path);
  auto lease = raw->Acquire();
  auto& conn = *lease;
  std::printf("search_bench: %s, %s, %d reps per query (first page of 20 + count)\n",
              sqlite ? "SQLite" : "PostgreSQL", db_path.c_str(), reps);
  std::printf("%-15s %9s %9s %9s %9s %9s %11s %11s %8s %7s %11s %6s\n", "class", "p50_ms", "p95_ms",
              "cpu_p50", "cpu_p95", "first_max", "scan_p50_ms", "ratio_p50", "hits", "misses",
              "false_hits", "page");
  for (const auto& c : classes) {
    std::vector<double> times;
    std::vector<double> cpu_times;
    std::vector<double> scan_times;
    std::vector<double> first_times;
    std::int64_t misses = 0;
    std::int64_t false_hits = 0;
    std::int64_t hits = 0;
    bool pages_agree = true;
    for (const auto& q : c.queries) {
      app::MatterFilter f;
      f.text = q;
      domain::Page<domain::Matter> page;
      std::vector<double> query_times;
      {
        // The query's first run reads its pages into the caches; it is reported on its own.
        auto tx = store->BeginRead();
        auto t0 = Clock::now();
        page = tx->Matters().ListMatters(f, {0, 20, ""});
        first_times.push_back(Ms(Clock::now() - t0));
      }
      for (int r = 0; r < reps; ++r) {
        auto tx = store->BeginRead();
        auto t0 = Clock::now();
        const double cpu0 = ThreadCpuMs();
        page = tx->Matters().ListMatters(f, {0, 20, ""});
        cpu_times.push_back(ThreadCpuMs() - cpu0);
        query_times.push_back(Ms(Clock::now() - t0));
      }
      times.insert(times.end(), query_times.begin(), query_times.end());
      if (verbose) {
        std::fprintf(stderr, "  %-16s p50 %8.2f ms  max %8.2f ms  total %lld\n", q.c_str(),
                     Percentile(query_times, 0.5), Percentile(query_times, 1.0),
                     static_cast<long long>(page.total));
      }
      // The baseline: every document, checked word by word.
      auto words = domain::SearchQueryWords(q);
      std::string where;
      std::vector<std::string> params;
      for (const auto& w : words) {
        params.push_back(w);
        where += std::string(" AND ") + (sqlite ? "instr" : "strpos") + "(s.text, $" +
                 std::to_string(params.size()) + ") > 0";
      }
      std::vector<Id> scan;
      for (int r = 0; r < std::max(1, reps / 3); ++r) {
        auto t0 = Clock::now();
        scan = Ids(conn,
                   "SELECT m.id FROM matters m JOIN matter_search_text s ON s.matter_id = "
                   "m.id WHERE 1 = 1" +
                       where + " ORDER BY m.accepted_at DESC, m.id DESC",
                   params);
        scan_times.push_back(Ms(Clock::now() - t0));
      }
      // The index's whole answer: the token candidates, checked.
      std::vector<std::string> tokens;
      std::string checks;
      std::vector<std::string> iparams;
      for (const auto& w : words) {
        for (auto& t : domain::SearchWordTokens(w)) tokens.push_back(t);
      }
      std::sort(tokens.begin(), tokens.end());
      tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
      std::string token_query;
      for (const auto& t : tokens) {
        token_query += sqlite ? (token_query.empty() ? "\"" : " \"") + t + "\""
                              : (token_query.empty() ? "'" : " & '") + t + "'";
      }
      iparams.push_back(token_query);
      for (const auto& w : words) {
        if (!domain::SearchWordNeedsCheck(w)) continue;
        iparams.push_back(w);
        checks += std::string(" AND ") + (sqlite ? "instr" : "strpos") + "(s.text, $" +
                  std::to_string(iparams.size()) + ") > 0";
      }
      std::vector<Id> indexed = Ids(
          conn,
          sqlite ? "SELECT s.matter_id FROM matter_search_tokens f CROSS JOIN matter_search_text s "
                   "WHERE f.matter_search_tokens MATCH $1 AND s.matter_id = f.rowid" +
                       checks
                 : "SELECT s.matter_id FROM matter_search_text s WHERE s.tokens @@ CAST($1 AS "
                   "tsquery)" +
                       checks,
          iparams);
      std::set<Id> want(scan.begin(), scan.end());
      std::set<Id> got(indexed.begin(), indexed.end());
      for (Id id : want) misses += got.count(id) ? 0 : 1;
      for (Id id : got) false_hits += want.count(id) ? 0 : 1;
      hits += static_cast<std::int64_t>(scan.size());
      std::vector<Id> first(scan.begin(), scan.begin() + std::min<std::size_t>(20, scan.size()));
      std::vector<Id> page_ids;
      for (const auto& m : page.items) page_ids.push_back(m.id);
      const auto expected_total = std::min<std::int64_t>(static_cast<std::int64_t>(scan.size()),
                                                         domain::kMatterSearchCountCap + 1);
      if (page_ids != first || page.total != expected_total) {
        pages_agree = false;
        std::fprintf(stderr, "page differs for %s: total %lld (scan %zu)\n", q.c_str(),
                     static_cast<long long>(page.total), scan.size());
      }
    }
    const double p50 = Percentile(times, 0.5);
    const double scan_p50 = Percentile(scan_times, 0.5);
    std::printf("%-15s %9.2f %9.2f %9.2f %9.2f %9.2f %11.1f %11.4f %8lld %7lld %11lld %6s\n",
                c.name.c_str(), p50, Percentile(times, 0.95), Percentile(cpu_times, 0.5),
                Percentile(cpu_times, 0.95), Percentile(first_times, 1.0), scan_p50,
                scan_p50 > 0 ? p50 / scan_p50 : 0, static_cast<long long>(hits),
                static_cast<long long>(misses), static_cast<long long>(false_hits),
                pages_agree ? "same" : "DIFF");
  }
  if (!keep && pg_url.empty() && generate) std::filesystem::remove(db_path);
  return 0;
}
