// Writes a residents' roster CSV for bench/import_bench.sh: N households (~3.2 residents each)
// with valid, distinct ID-card numbers, names, addresses, tags and phones, in the columns of
// `minqing import` (app::RosterColumns), and the SQL that creates their regions (one county,
// 20 townships, 20 villages each) in a database made by `minqing init`.
// Usage: roster_gen N roster.csv regions.sql
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "domain/id_card.hpp"
#include "name_pool.hpp"

namespace {

constexpr int kTownships = 20;
constexpr int kVillagesPerTownship = 20;
constexpr std::int64_t kBirthDays = 33000;  // 1930 to 2020.

struct Rng {
  std::uint64_t state;
  std::uint32_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  std::uint32_t Below(std::uint32_t n) { return Next() % n; }
};

using minqing::bench::kGiven;
using minqing::bench::kRelations;
using minqing::bench::kSurnames;

// 1930-01-01 plus `day` days as YYYYMMDD.
std::string BirthDate(std::int64_t day) {
  std::int64_t days = day - 14610;  // Days since 1970-01-01 (1930-01-01 is -14610).
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char text[64];
  std::snprintf(text, sizeof text, "%04lld%02lld%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: roster_gen N roster.csv regions.sql\n";
    return 2;
  }
  const std::int64_t households = std::atoll(argv[1]);
  std::ofstream sql(argv[3]);
  sql << "BEGIN;\n"
         "INSERT INTO regions (id, parent_id, level, code, name, path) VALUES "
         "(1, NULL, 1, '131124000000', '饶阳县', '/1/');\n";
  std::vector<std::string> village_codes;
  std::vector<std::string> village_names;
  for (int t = 0; t < kTownships; ++t) {
    const int tid = 2 + t * (kVillagesPerTownship + 1);
    const std::string tcode = "131124" + std::to_string(100 + t) + "000";
    sql << "INSERT INTO regions (id, parent_id, level, code, name, path) VALUES (" << tid
        << ", 1, 2, '" << tcode << "', '第" << t + 1 << "镇', '/1/" << tid << "/');\n";
    for (int v = 0; v < kVillagesPerTownship; ++v) {
      const int vid = tid + 1 + v;
      const std::string vcode = "131124" + std::to_string(100 + t) + std::to_string(200 + v);
      const std::string vname = "第" + std::to_string(t + 1) + "镇" + std::to_string(v + 1) + "村";
      sql << "INSERT INTO regions (id, parent_id, level, code, name, path) VALUES (" << vid << ", "
          << tid << ", 3, '" << vcode << "', '" << vname << "', '/1/" << tid << "/" << vid
          << "/');\n";
      village_codes.push_back(vcode);
      village_names.push_back(vname);
    }
  }
  sql << "COMMIT;\n";
  if (!sql) return 1;

  std::ofstream csv(argv[2], std::ios::binary);
  std::string out;
  out.reserve(1 << 20);
  out += "户编号,所属区域代码,地址,户标签,姓名,性别,出生日期,身份证号,联系电话,与户主关系\n";
  Rng rng{20261202};
  std::int64_t resident = 0;
  const std::size_t villages = village_codes.size();
  for (std::int64_t h = 0; h < households; ++h) {
    const std::size_t v = static_cast<std::size_t>(h) % villages;
    const std::int64_t seq = h / static_cast<std::int64_t>(villages) + 1;
    char number[32];
    std::snprintf(number, sizeof number, "%s%05lld", village_codes[v].c_str(),
                  static_cast<long long>(seq));
    const std::string address = village_names[v] + std::to_string(seq) + "号";
    std::string tags;
    const std::uint32_t t = rng.Below(100);
    if (t < 8) {
      tags = "低保";
    } else if (t < 11) {
      tags = "低保、残疾";
    } else if (t < 14) {
      tags = "留守老人";
    } else if (t < 15) {
      tags = "五保";
    }
    // 1..6 residents, 3.2 on average.
    const std::uint32_t r = rng.Below(100);
    const int members = r < 12 ? 1 : r < 34 ? 2 : r < 60 ? 3 : r < 82 ? 4 : r < 94 ? 5 : 6;
    const std::string surname = kSurnames[rng.Below(static_cast<std::uint32_t>(kSurnames.size()))];
    for (int m = 0; m < members; ++m, ++resident) {
      const std::int64_t day = resident % kBirthDays;
      const int sequence = static_cast<int>(resident / kBirthDays);
      const std::string birth = BirthDate(day);
      const std::string id = minqing::domain::MakeIdCard("131124", birth, sequence);
      std::string name = m == 0 || m == 2 || m == 3
                             ? surname
                             : kSurnames[rng.Below(static_cast<std::uint32_t>(kSurnames.size()))];
      name += kGiven[rng.Below(static_cast<std::uint32_t>(kGiven.size()))];
      if (rng.Below(3) != 0) name += kGiven[rng.Below(static_cast<std::uint32_t>(kGiven.size()))];
      std::string phone;
      if (rng.Below(10) < 7) {
        char digits[32];
        std::snprintf(digits, sizeof digits, "13%09u", rng.Below(1000000000));
        phone = digits;
      }
      out += number;
      out += ',';
      out += village_codes[v];
      out += ',';
      out += address;
      out += ',';
      out += tags;
      out += ',';
      out += name;
      out += ',';
      out += sequence % 2 == 1 ? "男" : "女";
      out += ',';
      out += birth.substr(0, 4) + "-" + birth.substr(4, 2) + "-" + birth.substr(6, 2);
      out += ',';
      out += id;
      out += ',';
      out += phone;
      out += ',';
      out += m == 0 ? "户主" : kRelations[static_cast<std::size_t>(m - 1) % kRelations.size()];
      out += '\n';
    }
    if (out.size() > (1 << 20) - 4096) {
      csv.write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    }
  }
  csv.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!csv) return 1;
  std::cerr << "roster_gen: " << households << " households, " << resident << " residents\n";
  return 0;
}
