#include "demo/demo_county.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "app/audit.hpp"
#include "demo/away_demo.hpp"
#include "demo/cooperation_demo.hpp"
#include "demo/demo_matters.hpp"
#include "demo/matter_requests_demo.hpp"
#include "demo/network_demo.hpp"
#include "demo/posting_demo.hpp"
#include "demo/survey_demo.hpp"
#include "demo/volunteer_demo.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/pinyin.hpp"
#include "domain/work_calendar.hpp"

namespace minqing::demo {

using app::Actor;
using app::JsonObjectWriter;
using app::SystemActor;
using app::UserInput;

namespace {

using domain::Sex;

constexpr int kReferenceYear = 2025;  // Ages are as of 1 January of this year.
constexpr double kCentreLat = 38.235;
constexpr double kCentreLng = 115.726;
constexpr double kCountyRadiusKm = 20.0;
constexpr double kKmPerDegreeLat = 111.0;
constexpr std::int64_t kTargetHouseholds = 56000;
constexpr double kMemberShare = 0.051;

// SplitMix64: small, fast and the same on every platform (the standard distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [low, high].
  int Between(int low, int high) {
    return low + static_cast<int>(Next() % static_cast<std::uint64_t>(high - low + 1));
  }
  bool Chance(double p) { return Real() < p; }
  double Normal() {
    double u = 1.0 - Real();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * Real());
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Next() % items.size()];
  }

 private:
  std::uint64_t state_;
};

struct Weighted {
  std::string_view value;
  double weight;
};

class WeightedPicker {
 public:
  explicit WeightedPicker(std::vector<Weighted> items) : items_(std::move(items)) {
    double sum = 0;
    for (const auto& item : items_) cumulative_.push_back(sum += item.weight);
  }
  std::string_view Pick(Rng& rng) const {
    double x = rng.Real() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return items_[static_cast<std::size_t>(std::min<std::ptrdiff_t>(
                      it - cumulative_.begin(), static_cast<std::ptrdiff_t>(items_.size()) - 1))]
        .value;
  }

 private:
  std::vector<Weighted> items_;
  std::vector<double> cumulative_;
};

// Shares in percent, roughly Hebei's; 单 曾 解 仇 朴 exercise the pinyin surname overrides.
const WeightedPicker& Surnames() {
  static const WeightedPicker kPicker({
      {"王", 9.0}, {"李", 8.5}, {"张", 8.0},  {"刘", 6.5},  {"陈", 2.5}, {"杨", 3.0},  {"赵", 3.5},
      {"黄", 1.0}, {"周", 1.5}, {"吴", 1.2},  {"徐", 1.2},  {"孙", 2.2}, {"马", 2.0},  {"朱", 1.0},
      {"胡", 0.9}, {"郭", 1.8}, {"何", 0.6},  {"高", 2.0},  {"林", 0.5}, {"罗", 0.5},  {"郑", 0.8},
      {"梁", 0.9}, {"谢", 0.5}, {"宋", 1.2},  {"唐", 0.6},  {"许", 0.9}, {"韩", 1.3},  {"冯", 1.1},
      {"邓", 0.5}, {"曹", 1.0}, {"彭", 0.4},  {"田", 1.0},  {"董", 1.2}, {"袁", 0.6},  {"于", 1.0},
      {"崔", 1.0}, {"耿", 0.6}, {"齐", 0.5},  {"魏", 0.8},  {"范", 0.6}, {"史", 0.5},  {"贾", 0.8},
      {"侯", 0.5}, {"牛", 0.5}, {"单", 0.25}, {"曾", 0.15}, {"解", 0.2}, {"仇", 0.15}, {"朴", 0.05},
  });
  return kPicker;
}

const std::vector<std::string_view>& MaleCharacters() {
  static const std::vector<std::string_view> kChars = {
      "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "明", "超", "刚", "平", "辉", "建",
      "国", "华", "志", "文", "海", "东", "林", "峰", "鹏", "波", "宇", "浩", "俊", "亮",
      "成", "庆", "立", "新", "永", "春", "金", "宝", "福", "生", "德", "胜", "利", "树",
      "振", "兴", "民", "景", "云", "昌", "喜", "山", "岩", "凯", "晨", "博", "子", "梓"};
  return kChars;
}

const std::vector<std::string_view>& FemaleCharacters() {
  static const std::vector<std::string_view> kChars = {
      "芳", "娜", "敏", "静", "丽", "艳", "霞", "秀", "英", "兰", "玲", "红", "梅",
      "萍", "燕", "华", "莉", "琴", "云", "凤", "洁", "雪", "慧", "婷", "倩", "颖",
      "欣", "悦", "淑", "珍", "桂", "翠", "荣", "爱", "月", "春", "彩", "娟", "琳",
      "佳", "怡", "涵", "雨", "诗", "梦", "晓", "美", "素", "改", "书"};
  return kChars;
}

std::string GivenName(Rng& rng, Sex sex) {
  const auto& chars = sex == Sex::kMale ? MaleCharacters() : FemaleCharacters();
  std::string name(rng.Pick(chars));
  if (rng.Chance(0.75)) name += rng.Pick(chars);
  return name;
}

struct Township {
  std::string_view name;
  int code;
};

const std::vector<Township>& Townships() {
  static const std::vector<Township> kTownships = {
      {"饶阳镇", 100}, {"大尹村镇", 101}, {"五公镇", 102}, {"大官亭镇", 103}, {"王同岳镇", 104},
      {"留楚乡", 200}, {"东里满乡", 201}, {"同岳乡", 202}, {"官厅乡", 203},   {"里满乡", 204}};
  return kTownships;
}

std::string VillageName(Rng& rng, std::set<std::string>& used) {
  static const std::vector<std::string_view> kPrefixes = {"东", "西", "南", "北", "前", "后",
                                                          "大", "小", "中", "",   "",   ""};
  static const std::vector<std::string_view> kCores = {
      "王", "李", "张", "刘", "赵", "孙", "高", "郭", "马", "杨", "崔", "耿", "韩", "田",
      "董", "范", "贾", "宋", "齐", "魏", "史", "冯", "曹", "于", "杜", "段", "尹", "安",
      "柳", "杏", "桃", "枣", "河", "堤", "苑", "常", "邹", "闫", "石", "官"};
  static const std::vector<std::string_view> kSuffixes = {
      "庄", "屯", "营", "店", "堡", "寨", "口", "集", "桥", "头", "铺", "楼", "园", "町", "家"};
  for (;;) {
    std::string name = std::string(rng.Pick(kPrefixes)) + std::string(rng.Pick(kCores)) +
                       std::string(rng.Pick(kSuffixes)) + "村";
    if (used.insert(name).second) return name;
  }
}

const std::vector<std::string_view>& GroupNumerals() {
  static const std::vector<std::string_view> kNumerals = {"一", "二", "三", "四", "五", "六"};
  return kNumerals;
}

struct Point {
  double lat;
  double lng;
};

Point Offset(Point from, double km_north, double km_east) {
  return {from.lat + km_north / kKmPerDegreeLat,
          from.lng + km_east / (kKmPerDegreeLat * std::cos(from.lat * M_PI / 180.0))};
}

// A point uniformly distributed in a disc of the given radius.
Point Scatter(Rng& rng, Point centre, double radius_km) {
  double r = radius_km * std::sqrt(rng.Real());
  double angle = 2.0 * M_PI * rng.Real();
  return Offset(centre, r * std::sin(angle), r * std::cos(angle));
}

double DistanceKm(Point a, Point b) {
  double north = (a.lat - b.lat) * kKmPerDegreeLat;
  double east = (a.lng - b.lng) * kKmPerDegreeLat * std::cos(b.lat * M_PI / 180.0);
  return std::hypot(north, east);
}

double Round6(double value) { return std::round(value * 1e6) / 1e6; }

domain::Region MakeRegion(const domain::Region* parent, domain::RegionLevel level, std::string code,
                          std::string name, Point at) {
  domain::Region region;
  region.id = domain::NewId();
  region.level = level;
  region.code = std::move(code);
  region.name = std::move(name);
  region.lat = Round6(at.lat);
  region.lng = Round6(at.lng);
  if (parent != nullptr) region.parent_id = parent->id;
  region.path =
      (parent != nullptr ? parent->path : std::string("/")) + std::to_string(region.id) + "/";
  return region;
}

struct Person {
  std::string relation;
  Sex sex;
  int age;
  std::string surname;
};

Sex Opposite(Sex sex) { return sex == Sex::kMale ? Sex::kFemale : Sex::kMale; }

// Relations and ages of one household of `size` people.
std::vector<Person> ComposeHousehold(Rng& rng, int size) {
  std::vector<Person> people;
  Sex head_sex = rng.Chance(0.85) ? Sex::kMale : Sex::kFemale;
  int head_age = size == 1 ? (rng.Chance(0.7) ? rng.Between(58, 90) : rng.Between(24, 57))
                           : rng.Between(28, 78);
  std::string family(Surnames().Pick(rng));
  people.push_back({"户主", head_sex, head_age, family});
  int remaining = size - 1;
  if (remaining > 0 && !(size == 2 && rng.Chance(0.15))) {
    int age = std::clamp(head_age + rng.Between(-4, 4), 20, 95);
    std::string surname(Surnames().Pick(rng));
    people.push_back({"配偶", Opposite(head_sex), age, surname});
    if (head_sex == Sex::kFemale) family = surname;
    --remaining;
  }
  if (head_age <= 50 && remaining >= 2 && rng.Chance(0.35)) {
    int age = std::min(95, head_age + rng.Between(24, 32));
    people.push_back({"母亲", Sex::kFemale, age, std::string(Surnames().Pick(rng))});
    --remaining;
    if (remaining >= 2 && rng.Chance(0.5)) {
      people.push_back({"父亲", Sex::kMale, std::min(95, age + rng.Between(0, 4)),
                        head_sex == Sex::kMale ? people.front().surname : family});
      --remaining;
    }
  }
  for (int k = 0; remaining > 0; ++k) {
    int age = head_age - rng.Between(22, 34) - 3 * k;
    if (age < 0) age = rng.Between(0, std::max(0, head_age - 22));
    Sex sex = rng.Chance(0.52) ? Sex::kMale : Sex::kFemale;
    people.push_back({sex == Sex::kMale ? "子" : "女", sex, age, family});
    --remaining;
    if (sex == Sex::kMale && age >= 24 && remaining >= 1 && rng.Chance(0.7)) {
      people.push_back({"儿媳", Sex::kFemale, std::max(20, age + rng.Between(-3, 2)),
                        std::string(Surnames().Pick(rng))});
      --remaining;
      for (int g = 0; remaining > 0 && g < 3; ++g) {
        Sex grandchild = rng.Chance(0.52) ? Sex::kMale : Sex::kFemale;
        int grandchild_age = std::max(0, age - rng.Between(22, 30) - 3 * g);
        people.push_back(
            {grandchild == Sex::kMale ? "孙子" : "孙女", grandchild, grandchild_age, family});
        --remaining;
      }
    }
  }
  return people;
}

int HouseholdSize(Rng& rng) {
  static const WeightedPicker kSizes(
      {{"1", 12}, {"2", 24}, {"3", 22}, {"4", 22}, {"5", 12}, {"6", 6}, {"7", 2}});
  return kSizes.Pick(rng)[0] - '0';
}

std::string MobilePhone(Rng& rng) {
  static const std::vector<std::string_view> kPrefixes = {
      "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
      "152", "155", "156", "157", "158", "159", "166", "176", "177", "180", "182",
      "183", "185", "186", "187", "188", "189", "191", "198", "199"};
  char digits[16];
  std::snprintf(digits, sizeof digits, "%08d", rng.Between(0, 99999999));
  return std::string(rng.Pick(kPrefixes)) + digits;
}

std::string LandlinePhone(Rng& rng) {
  return "0318-" + std::to_string(rng.Between(7200000, 7299999));
}

std::string DateText(int year, int month, int day) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

// Hands out unique ID-card sequences per birth date and sex (odd for men, even for women).
class IdCards {
 public:
  std::string Make(int year, int month, int day, Sex sex) {
    for (;;) {
      int date = year * 10000 + month * 100 + day;
      int& used = used_[date * 2 + (sex == Sex::kMale ? 1 : 0)];
      if (used < 500) {
        int base = static_cast<int>((static_cast<std::int64_t>(date) * 7919) % 500);
        int sequence = ((base + used) % 500) * 2 + (sex == Sex::kMale ? 1 : 0);
        ++used;
        char birth[16];
        std::snprintf(birth, sizeof birth, "%08d", date);
        return domain::MakeIdCard("131124", birth, sequence);
      }
      day = day % 28 + 1;
    }
  }

 private:
  std::unordered_map<int, int> used_;
};

// Pinyin of generated names, assembled from cached syllables: transliterating every one of
// 180,000 names with ICU costs seconds. PersonNamePinyin reads the surname with its surname
// reading and the rest character by character, so the parts give the same result (the tests
// check this against PersonNamePinyin).
class PinyinCache {
 public:
  domain::NamePinyin Get(const std::string& surname, const std::string& given) {
    std::string full = Syllables(surname, true);
    for (std::size_t i = 0; i < given.size();) {
      std::size_t length = 1;
      auto lead = static_cast<unsigned char>(given[i]);
      if (lead >= 0xF0) {
        length = 4;
      } else if (lead >= 0xE0) {
        length = 3;
      } else if (lead >= 0xC0) {
        length = 2;
      }
      std::string syllable = Syllables(given.substr(i, length), false);
      if (!syllable.empty()) full += (full.empty() ? "" : " ") + syllable;
      i += length;
    }
    std::string initials;
    bool at_start = true;
    for (char c : full) {
      if (c == ' ') {
        at_start = true;
      } else if (at_start) {
        initials.push_back(c);
        at_start = false;
      }
    }
    return {std::move(full), std::move(initials)};
  }

 private:
  const std::string& Syllables(const std::string& text, bool surname) {
    auto& cache = surname ? surnames_ : characters_;
    auto it = cache.find(text);
    if (it == cache.end()) {
      it = cache
               .emplace(text,
                        surname ? domain::PersonNamePinyin(text).full : domain::TextPinyin(text))
               .first;
    }
    return it->second;
  }

  std::unordered_map<std::string, std::string> surnames_;
  std::unordered_map<std::string, std::string> characters_;
};

struct Village {
  std::size_t region;               // Index into regions.
  std::vector<std::size_t> groups;  // Indexes into regions.
  std::size_t first_resident = 0;
  std::size_t end_resident = 0;
  std::string township_name;
};

void AddUnit(DemoCounty& county, Rng& rng, std::string name, domain::UnitKind kind,
             std::optional<domain::Id> region_id, const std::vector<std::string_view>& titles) {
  domain::Unit unit;
  unit.id = domain::NewId();
  unit.name = std::move(name);
  unit.kind = kind;
  unit.region_id = region_id;
  unit.phone = LandlinePhone(rng);
  for (std::string_view title : titles) {
    domain::Staff staff;
    staff.id = domain::NewId();
    staff.unit_id = unit.id;
    Sex sex = rng.Chance(0.5) ? Sex::kMale : Sex::kFemale;
    staff.name = std::string(Surnames().Pick(rng)) + GivenName(rng, sex);
    staff.title = std::string(title);
    staff.phone = MobilePhone(rng);
    county.staff.push_back(std::move(staff));
  }
  county.units.push_back(std::move(unit));
}

}  // namespace

DemoCounty GenerateDemoCounty(std::uint64_t seed) {
  Rng rng(seed ^ 0x6D696E71696E67ULL);
  DemoCounty county;
  const Point centre{kCentreLat, kCentreLng};
  county.regions.push_back(
      MakeRegion(nullptr, domain::RegionLevel::kCounty, "131124000000", "饶阳县", centre));

  // Townships on a ring around the county seat; villages scattered around their township.
  std::vector<Village> villages;
  std::set<std::string> village_names;
  std::vector<std::size_t> township_index;
  for (std::size_t t = 0; t < Townships().size(); ++t) {
    const auto& township = Townships()[t];
    double angle = 2.0 * M_PI * static_cast<double>(t) / 10.0 + rng.Real() * 0.3;
    double radius = t == 0 ? 1.5 : 8.0 + rng.Real() * 5.0;
    Point at = Offset(centre, radius * std::sin(angle), radius * std::cos(angle));
    std::string code = "131124" + std::to_string(township.code) + "000";
    county.regions.push_back(MakeRegion(&county.regions[0], domain::RegionLevel::kTownship, code,
                                        std::string(township.name), at));
    township_index.push_back(county.regions.size() - 1);
    int village_count = rng.Between(18, 22);
    for (int v = 0; v < village_count; ++v) {
      Point spot = Scatter(rng, at, 6.5);
      double distance = DistanceKm(spot, centre);
      if (distance > kCountyRadiusKm - 0.5) {
        double scale = (kCountyRadiusKm - 0.5) / distance;
        spot = {centre.lat + (spot.lat - centre.lat) * scale,
                centre.lng + (spot.lng - centre.lng) * scale};
      }
      const domain::Region& parent = county.regions[township_index.back()];
      std::string village_code = "131124" + std::to_string(township.code) + std::to_string(201 + v);
      county.regions.push_back(MakeRegion(&parent, domain::RegionLevel::kVillage, village_code,
                                          VillageName(rng, village_names), spot));
      villages.push_back({county.regions.size() - 1, {}, 0, 0, std::string(township.name)});
    }
  }

  // Village sizes: log-normal, scaled so the county totals ~56,000 households.
  std::vector<double> raw;
  for (std::size_t v = 0; v < villages.size(); ++v)
    raw.push_back(std::exp(5.45 + 0.6 * rng.Normal()));
  double raw_sum = std::accumulate(raw.begin(), raw.end(), 0.0);
  std::vector<int> sizes;
  for (double r : raw) {
    sizes.push_back(std::clamp(static_cast<int>(r * kTargetHouseholds / raw_sum), 60, 900));
  }

  // Groups, households and residents.
  IdCards id_cards;
  PinyinCache pinyin;
  std::set<std::size_t> resettled = {7 % villages.size(), 131 % villages.size()};
  for (std::size_t v = 0; v < villages.size(); ++v) {
    Village& village = villages[v];
    int group_count = std::clamp(sizes[v] / 130 + rng.Between(1, 2), 2, 6);
    for (int g = 0; g < group_count; ++g) {
      const domain::Region& parent = county.regions[village.region];
      char suffix[16];
      std::snprintf(suffix, sizeof suffix, "%02d", g + 1);
      Point at{*parent.lat, *parent.lng};
      county.regions.push_back(
          MakeRegion(&parent, domain::RegionLevel::kGroup, parent.code + suffix,
                     std::string(GroupNumerals()[static_cast<std::size_t>(g)]) + "组", at));
      village.groups.push_back(county.regions.size() - 1);
    }
    const domain::Region& village_region = county.regions[village.region];
    Point village_at{*village_region.lat, *village_region.lng};
    village.first_resident = county.residents.size();
    for (int serial = 1; serial <= sizes[v]; ++serial) {
      std::size_t group_slot = static_cast<std::size_t>(rng.Between(0, group_count - 1));
      const domain::Region& group = county.regions[village.groups[group_slot]];
      domain::Household household;
      household.id = domain::NewId();
      household.region_id = group.id;
      household.region_path = group.path;
      char number[16];
      std::snprintf(number, sizeof number, "%04d", serial);
      household.number = village_region.code + number;
      household.address =
          village.township_name + village_region.name + group.name + std::to_string(serial) + "号";
      Point at = Scatter(rng, village_at, 0.5);
      household.lat = Round6(at.lat);
      household.lng = Round6(at.lng);

      int size = HouseholdSize(rng);
      std::vector<Person> people = ComposeHousehold(rng, size);
      bool elderly_alone = size == 1 && people[0].age >= 60;
      if (rng.Chance(0.04)) household.tags.push_back("低保");
      if (elderly_alone && rng.Chance(0.06)) household.tags.push_back("五保");
      if (rng.Chance(0.03)) household.tags.push_back("残疾");
      if (rng.Chance(0.05)) household.tags.push_back("留守");
      if (rng.Chance(0.08)) household.tags.push_back("流动");
      if (rng.Chance(0.03)) household.tags.push_back("困难");
      if (resettled.count(v) > 0 && rng.Chance(0.7)) household.tags.push_back("移民");

      for (const Person& person : people) {
        domain::Resident resident;
        resident.id = domain::NewId();
        resident.household_id = household.id;
        resident.region_path = household.region_path;
        std::string given = GivenName(rng, person.sex);
        resident.name = person.surname + given;
        resident.sex = person.sex;
        int year = kReferenceYear - 1 - person.age;
        int month = rng.Between(1, 12);
        int day = rng.Between(1, 28);
        resident.id_card = id_cards.Make(year, month, day, person.sex);
        resident.birth_date = domain::IdCardBirthDate(resident.id_card);
        if (person.age >= 18 && person.age <= 75 && rng.Chance(0.92)) {
          resident.phone = MobilePhone(rng);
        }
        resident.relation = person.relation;
        domain::NamePinyin name_pinyin = pinyin.Get(person.surname, given);
        resident.pinyin = std::move(name_pinyin.full);
        resident.initials = std::move(name_pinyin.initials);
        county.residents.push_back(std::move(resident));
      }
      county.households.push_back(std::move(household));
    }
    village.end_resident = county.residents.size();
  }

  // Party branches, groups and members: ~5% of residents, adults, men more often.
  for (const Village& village : villages) {
    const domain::Region& region = county.regions[village.region];
    std::vector<std::pair<double, std::size_t>> candidates;
    for (std::size_t i = village.first_resident; i < village.end_resident; ++i) {
      const auto& r = county.residents[i];
      int age = kReferenceYear - 1 - std::stoi(r.birth_date.substr(0, 4));
      if (age < 20) continue;
      double weight = r.sex == Sex::kMale ? 2.0 : 1.0;
      // Fewer of the very old: with those working away (流动) about 7–8% of members are away
      // or unable, as in Raoyang where 92% of rural members take part.
      if (age > 75) weight *= 0.4;
      candidates.push_back({rng.Real() / weight, i});
    }
    auto wanted = static_cast<std::size_t>(std::lround(
        kMemberShare * static_cast<double>(village.end_resident - village.first_resident)));
    wanted = std::min(wanted, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(wanted),
                      candidates.end());
    candidates.resize(wanted);
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });

    domain::PartyOrg branch;
    branch.id = domain::NewId();
    branch.kind = domain::PartyOrgKind::kBranch;
    branch.name = region.name + "党支部";
    branch.region_id = region.id;
    branch.region_path = region.path;
    // Groups follow residence: the members of one 组 share a party group, the 组 dealt out over
    // the groups in turn, so that no group is left without members.
    std::map<std::string, std::size_t> slot_of_zu;
    for (const auto& candidate : candidates) {
      slot_of_zu.emplace(county.residents[candidate.second].region_path, 0);
    }
    std::size_t group_count =
        std::min(std::clamp<std::size_t>((wanted + 11) / 12, 1, 4), slot_of_zu.size());
    {
      std::size_t next = 0;
      for (auto& [zu, slot] : slot_of_zu) slot = next++ % group_count;
    }
    std::size_t branch_index = county.party_orgs.size();
    county.party_orgs.push_back(branch);
    std::vector<std::size_t> group_indexes;
    for (std::size_t g = 0; g < group_count; ++g) {
      domain::PartyOrg group;
      group.id = domain::NewId();
      group.parent_id = branch.id;
      group.kind = domain::PartyOrgKind::kGroup;
      group.name = "第" + std::string(GroupNumerals()[g]) + "党小组";
      group.region_id = region.id;
      group.region_path = region.path;
      group_indexes.push_back(county.party_orgs.size());
      county.party_orgs.push_back(group);
    }
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      domain::Resident& resident = county.residents[candidates[k].second];
      int birth_year = std::stoi(resident.birth_date.substr(0, 4));
      int age = kReferenceYear - 1 - birth_year;
      domain::PartyMember member;
      member.id = domain::NewId();
      member.resident_id = resident.id;
      member.region_path = resident.region_path;
      std::size_t slot = slot_of_zu.at(resident.region_path);
      member.org_id = county.party_orgs[group_indexes[slot]].id;
      if (rng.Chance(0.04)) {
        member.status = domain::MemberStatus::kProbationary;
        member.joined_on = DateText(kReferenceYear - 1, rng.Between(1, 12), rng.Between(1, 28));
      } else {
        int joined =
            std::min(kReferenceYear - 2, birth_year + rng.Between(20, std::max(20, age - 1)));
        member.joined_on = DateText(joined, rng.Between(1, 12), rng.Between(1, 28));
      }
      member.away = age <= 55 && rng.Chance(0.15);
      if (member.away || age > 75) {
        member.can_take_households = false;
        member.capacity = 0;
      } else if (age > 65) {
        member.capacity = 5;
      } else {
        member.capacity = rng.Chance(0.2) ? 12 : (rng.Chance(0.2) ? 8 : 10);
      }
      if (resident.phone.empty()) resident.phone = MobilePhone(rng);
      auto& org = county.party_orgs[group_indexes[slot]];
      if (!org.leader_member_id && member.can_take_households) org.leader_member_id = member.id;
      auto& branch_org = county.party_orgs[branch_index];
      if (!branch_org.leader_member_id && member.can_take_households && age >= 35 &&
          member.status == domain::MemberStatus::kFull) {
        branch_org.leader_member_id = member.id;
      }
      county.party_members.push_back(std::move(member));
    }
  }

  // Units and their staff.
  const domain::Id county_id = county.regions[0].id;
  AddUnit(county, rng, "饶阳县民政局", domain::UnitKind::kBureau, county_id,
          {"局长", "副局长", "社会救助股股长", "科员"});
  AddUnit(county, rng, "饶阳县人力资源和社会保障局", domain::UnitKind::kBureau, county_id,
          {"局长", "就业服务股股长", "科员"});
  for (std::size_t t = 0; t < township_index.size(); ++t) {
    const domain::Region& township = county.regions[township_index[t]];
    for (std::string_view centre_name :
         {"经济发展服务中心", "社会事务服务中心", "综治信访服务中心"}) {
      AddUnit(county, rng, township.name + std::string(centre_name),
              domain::UnitKind::kServiceCentre, township.id,
              {"主任", "窗口工作人员", "窗口工作人员"});
    }
  }
  AddUnit(county, rng, "饶阳县惠农果蔬专业合作社有限公司", domain::UnitKind::kCompany, county_id,
          {"经理", "技术员"});
  AddUnit(county, rng, "饶阳县爱心志愿服务队", domain::UnitKind::kVolunteerTeam, county_id,
          {"队长", "副队长", "队员", "队员", "队员", "队员"});
  return county;
}

DemoSummary LoadDemoCounty(app::Services& services, std::uint64_t seed, domain::Epoch now) {
  DemoCounty county = GenerateDemoCounty(seed);
  for (auto& h : county.households) h.created_at = h.updated_at = now;
  for (auto& r : county.residents) r.created_at = r.updated_at = now;

  DemoSummary summary;
  for (const auto& region : county.regions) {
    summary.townships += region.level == domain::RegionLevel::kTownship;
    summary.villages += region.level == domain::RegionLevel::kVillage;
    summary.groups += region.level == domain::RegionLevel::kGroup;
  }
  summary.households = static_cast<std::int64_t>(county.households.size());
  summary.residents = static_cast<std::int64_t>(county.residents.size());
  summary.party_orgs = static_cast<std::int64_t>(county.party_orgs.size());
  summary.party_members = static_cast<std::int64_t>(county.party_members.size());
  summary.units = static_cast<std::int64_t>(county.units.size());
  summary.staff = static_cast<std::int64_t>(county.staff.size());

  Actor system = SystemActor(now);
  {
    auto tx = services.store->Begin();
    if (tx->Registry().CountUnder("").households > 0) {
      throw domain::Conflict("demo.not_empty", "数据库中已有户数据，演示数据只能载入空数据库");
    }
    tx->Registry().BulkInsertRegions(county.regions);
    tx->Registry().BulkInsertHouseholds(county.households);
    tx->Registry().BulkInsertResidents(county.residents);
    tx->Registry().BulkInsertPartyOrgs(county.party_orgs);
    tx->Registry().BulkInsertPartyMembers(county.party_members);
    for (const auto& unit : county.units) tx->Registry().InsertUnit(unit);
    for (const auto& staff : county.staff) tx->Registry().InsertStaff(staff);
    RecordAudit(*tx, system, "demo.load", "region", county.regions[0].id, "",
                JsonObjectWriter()
                    .Add("seed", static_cast<std::int64_t>(seed))
                    .Add("households", summary.households)
                    .Add("residents", summary.residents)
                    .Add("party_members", summary.party_members)
                    .Finish());
    tx->Commit();
  }

  // The first village of the first township hosts the village-level logins.
  const domain::Region* first_township = nullptr;
  const domain::Region* first_village = nullptr;
  for (const auto& region : county.regions) {
    if (!first_township && region.level == domain::RegionLevel::kTownship) first_township = &region;
    if (!first_village && region.level == domain::RegionLevel::kVillage) first_village = &region;
  }
  std::optional<domain::Id> member_resident;
  std::optional<domain::Id> plain_resident;
  std::set<domain::Id> members;
  for (const auto& m : county.party_members) members.insert(m.resident_id);
  for (const auto& m : county.party_members) {
    if (m.region_path.rfind(first_village->path, 0) == 0 && m.can_take_households) {
      member_resident = m.resident_id;
      break;
    }
  }
  for (const auto& r : county.residents) {
    if (r.region_path.rfind(first_village->path, 0) == 0 && r.relation == "户主" &&
        members.count(r.id) == 0) {
      plain_resident = r.id;
      break;
    }
  }
  const domain::Unit& civil_affairs = county.units.front();

  struct Login {
    std::string username;
    std::string display_name;
    domain::Role role;
    std::optional<domain::Id> region;
    std::optional<domain::Id> unit;
    std::optional<domain::Id> resident;
    std::string description;
  };
  std::vector<Login> logins = {
      {"admin", "系统管理员", domain::Role::kAdmin, std::nullopt, std::nullopt, std::nullopt,
       "管理员：全县数据、用户、导入导出"},
      {"leader", "县带班领导", domain::Role::kLeader, county.regions[0].id, std::nullopt,
       std::nullopt, "带班领导：全县概况与督办"},
      {"clerk", first_township->name + "窗口", domain::Role::kCentreStaff, first_township->id,
       std::nullopt, std::nullopt, "服务中心窗口：" + first_township->name},
      {"handler", civil_affairs.name + "承办人", domain::Role::kUnitHandler, std::nullopt,
       civil_affairs.id, std::nullopt, "承办单位：" + civil_affairs.name},
      {"assistant", first_village->name + "助理", domain::Role::kVillageAssistant,
       first_village->id, std::nullopt, std::nullopt, "村级事务助理：" + first_village->name},
      {"member", first_village->name + "党员", domain::Role::kPartyMember, first_village->id,
       std::nullopt, member_resident, "党员：" + first_village->name},
      {"resident", first_village->name + "村民", domain::Role::kResident, std::nullopt,
       std::nullopt, plain_resident, "群众：" + first_village->name + "的一户"},
  };
  std::optional<domain::Id> handler_user;
  for (const auto& login : logins) {
    {
      auto tx = services.store->BeginRead();
      if (tx->Accounts().FindUserByUsername(login.username)) {
        summary.skipped_logins.push_back(login.username);
        continue;
      }
    }
    UserInput input;
    input.username = login.username;
    input.display_name = login.display_name;
    input.role = std::string(domain::RoleCode(login.role));
    input.scope_region_id = login.region;
    input.scope_unit_id = login.unit;
    input.resident_id = login.resident;
    input.password = std::string(kDemoPassword);
    domain::User user = services.auth.CreateUser(system, input);
    if (login.role == domain::Role::kUnitHandler) handler_user = user.id;
    summary.logins.push_back({login.username, input.role, login.description});
  }
  if (handler_user) {
    auto tx = services.store->Begin();
    for (auto staff : tx->Registry().ListStaff(civil_affairs.id)) {
      if (staff.title == "科员") {
        staff.user_id = handler_user;
        tx->Registry().UpdateStaff(staff);
        break;
      }
    }
    tx->Commit();
  }
  LoadDemoNetwork(services, now);
  LoadDemoPostings(services, now);
  LoadDemoSurveys(services, now);
  LoadDemoCooperation(services, now);
  LoadDemoAwayMembers(services, now);
  LoadDemoVolunteers(services, now);
  LoadDemoMatters(services, seed, now);
  LoadDemoMatterRequests(services, now);
  // The ranking reports (月度通报) of the last two complete months, as the job in `minqing serve`
  // would have made them on the 1st.
  {
    const app::Actor system = app::SystemActor(now);
    const std::string last = app::MonthlyReportService::PreviousMonth(now);
    const domain::Epoch month_before = domain::ChinaDayStart(*domain::ParseDate(last + "-01"));
    services.monthly_reports.Generate(system,
                                      app::MonthlyReportService::PreviousMonth(month_before));
    services.monthly_reports.Generate(system, last);
  }
  // The generated history is bulk-written: give its closures and confirmed visits their first
  // chained record, so that `minqing verify` cross-checks them from now on.
  auto tx = services.store->Begin();
  tx->StartAuditChain(now);
  tx->Commit();
  return summary;
}

}  // namespace minqing::demo
