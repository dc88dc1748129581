#include "app/roster.hpp"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/region_tree.hpp"
#include "app/registry_service.hpp"
#include "app/sheet_import.hpp"
#include "domain/authz.hpp"
#include "domain/codes.hpp"
#include "domain/errors.hpp"
#include "domain/id_card.hpp"
#include "domain/ids.hpp"
#include "domain/privacy.hpp"
#include "domain/text.hpp"
#include "domain/text_rules.hpp"

namespace minqing::app {
namespace {

enum Column {
  kNumber,
  kRegionCode,
  kAddress,
  kTags,
  kName,
  kSex,
  kBirthDate,
  kIdCard,
  kPhone,
  kRelation,
  kCommittee,  // 村两委: optional, 是/否 (1/0, Y/N); empty keeps the stored flag.
  kRep,        // 村民代表: likewise.
  kColumnCount,
};

constexpr std::string_view kHead = "户主";
constexpr std::int64_t kProgressEvery = 2000;
constexpr std::int64_t kExportPage = 5000;

const std::string& ColumnName(Column column) { return RosterColumns()[column]; }

std::vector<std::string> SplitTags(std::string_view text) {
  static const std::vector<std::string_view> kSeparators = {"、", ",", "，", ";", "；", " ", "　"};
  std::vector<std::string> tags;
  std::string current;
  std::size_t i = 0;
  while (i < text.size()) {
    bool separator = false;
    for (std::string_view s : kSeparators) {
      if (text.substr(i, s.size()) == s) {
        if (!current.empty()) tags.push_back(std::move(current));
        current.clear();
        i += s.size();
        separator = true;
        break;
      }
    }
    if (!separator) current.push_back(text[i++]);
  }
  if (!current.empty()) tags.push_back(std::move(current));
  return tags;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) {
    if (!out.empty()) out += "、";
    out += tag;
  }
  return out;
}

std::string ColumnForField(const std::string& field) {
  static const std::map<std::string, Column> kFields = {{"number", kNumber},
                                                        {"region_id", kRegionCode},
                                                        {"address", kAddress},
                                                        {"tags", kTags},
                                                        {"name", kName},
                                                        {"sex", kSex},
                                                        {"birth_date", kBirthDate},
                                                        {"id_card", kIdCard},
                                                        {"phone", kPhone},
                                                        {"relation", kRelation},
                                                        {"village_committee", kCommittee},
                                                        {"villager_rep", kRep}};
  auto it = kFields.find(field);
  return it == kFields.end() ? field : ColumnName(it->second);
}

void RequirePermission(const Actor& actor) {
  if (!domain::RoleHas(actor.user.role, domain::Permission::kImportExport)) {
    throw domain::Forbidden("roster.forbidden", "没有导入导出花名册的权限");
  }
}

void Audit(StoreTx& tx, const Actor& actor, const std::string& action, std::string after_json) {
  RecordAudit(tx, actor, action, "roster", 0, "", std::move(after_json));
}

struct ParsedRow : SheetRow {
  std::array<std::string, kColumnCount> cells;
  std::vector<std::string> tags;
  bool has_resident = false;
};

// A voter flag cell: 是/否, 1/0, Y/N (either case); nullopt for an empty cell or any other text.
std::optional<bool> ParseFlag(std::string_view cell) {
  if (cell == "是" || cell == "1" || cell == "Y" || cell == "y") return true;
  if (cell == "否" || cell == "0" || cell == "N" || cell == "n") return false;
  return std::nullopt;
}

std::string FlagText(bool flag) { return flag ? "是" : "否"; }

ResidentInput ToInput(const ParsedRow& row) {
  ResidentInput input;
  input.name = row.cells[kName];
  input.sex = row.cells[kSex];
  input.birth_date = row.cells[kBirthDate];
  input.id_card = row.cells[kIdCard];
  input.phone = row.cells[kPhone];
  input.relation = row.cells[kRelation];
  input.village_committee = ParseFlag(row.cells[kCommittee]);
  input.villager_rep = ParseFlag(row.cells[kRep]);
  return input;
}

// A valid 18-character ID-card number as a number: its 17 digits and the check character
// (10 for X). Keys of numbers that are not valid are 0.
std::uint64_t IdCardKey(std::string_view id_card) {
  if (id_card.size() != 18) return 0;
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id_card[i] < '0' || id_card[i] > '9') return 0;
    key = key * 10 + static_cast<std::uint64_t>(id_card[i] - '0');
  }
  const char check = id_card[17];
  if (check == 'X' || check == 'x') return key * 11 + 10;
  if (check < '0' || check > '9') return 0;
  return key * 11 + static_cast<std::uint64_t>(check - '0');
}

// FNV-1a, to compare a household's later rows with its first without keeping the text.
std::uint64_t TextHash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// What the check pass keeps of one 户编号: a few numbers, not its rows.
struct HouseholdGroup {
  std::int64_t first_row = 0;
  std::int64_t last_row = 0;
  std::uint64_t region_hash = 0;
  std::uint64_t address_hash = 0;
  domain::Id existing_id = 0;  // The stored household with this number, 0 if none.
  std::int32_t heads = 0;
  bool valid = true;
};

// An ID-card number of the sheet: its key, row and household (an index into the groups), in 16
// bytes: three million of them at a million households.
struct SheetIdCard {
  std::uint64_t key = 0;
  std::uint32_t row = 0;
  std::uint32_t group = 0;
};

constexpr std::uint32_t kNoGroup = static_cast<std::uint32_t>(-1);
constexpr std::int64_t kKeyPage = 50000;

// Reads the cells of one sheet row by the header's column positions; false for a blank row.
bool ReadRow(const std::vector<std::string>& cells, const SheetColumns& columns, ParsedRow& row) {
  const bool blank = !columns.ReadRow(cells, row.cells);
  std::string& id_card = row.cells[kIdCard];
  std::transform(id_card.begin(), id_card.end(), id_card.begin(),
                 [](char c) { return c == 'x' ? 'X' : c; });
  row.has_resident = false;
  for (int c = kName; c <= kRelation; ++c) {
    if (!row.cells[c].empty()) row.has_resident = true;
  }
  return !blank;
}

// 户编号 → household (its index, in the order first seen), compactly: the numbers one after
// another in one string and an open-addressing table of indexes, about 30 bytes a household
// where a node-based map of strings costs over 70, a million households a county.
class NumberIndex {
 public:
  // The index of `number`; a new number gets the next one. `inserted` tells which.
  std::uint32_t Insert(std::string_view number, bool& inserted) {
    if ((ends_.size() + 1) * 2 > slots_.size()) Grow();
    const std::size_t slot = Find(number);
    inserted = slots_[slot] == 0;
    if (!inserted) return slots_[slot] - 1;
    text_.append(number);
    ends_.push_back(text_.size());
    slots_[slot] = static_cast<std::uint32_t>(ends_.size());
    return slots_[slot] - 1;
  }
  // The index of `number`, or nullopt.
  std::optional<std::uint32_t> Lookup(std::string_view number) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t entry = slots_[Find(number)];
    if (entry == 0) return std::nullopt;
    return entry - 1;
  }
  void Clear() {
    std::string().swap(text_);
    std::vector<std::uint64_t>().swap(ends_);
    std::vector<std::uint32_t>().swap(slots_);
  }

 private:
  std::string_view Key(std::uint32_t index) const {
    const std::uint64_t begin = index == 0 ? 0 : ends_[index - 1];
    return std::string_view(text_).substr(begin, ends_[index] - begin);
  }
  // The slot holding `number`, or the empty one where it would go.
  std::size_t Find(std::string_view number) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = std::hash<std::string_view>()(number) & mask;
    while (slots_[slot] != 0 && Key(slots_[slot] - 1) != number) slot = (slot + 1) & mask;
    return slot;
  }
  void Grow() {
    std::vector<std::uint32_t> old(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t index = 0; index < ends_.size(); ++index) {
      std::size_t slot = std::hash<std::string_view>()(Key(index)) & mask;
      while (slots_[slot] != 0) slot = (slot + 1) & mask;
      slots_[slot] = index + 1;
    }
  }

  std::string text_;
  std::vector<std::uint64_t> ends_;   // Where each number ends in text_, by index.
  std::vector<std::uint32_t> slots_;  // Index + 1 of the number hashed there; 0: empty.
};

// The check pass: reads rows one at a time and remembers, per household and per ID card, what
// later rows and the second pass need. The store's keys are loaded once, not queried per row.
class RosterValidator {
 public:
  RosterValidator(StoreTx& tx, const Actor& actor, std::vector<RosterProblem>& problems)
      : tx_(tx),
        actor_(actor),
        problems_(problems, RosterColumns()),
        regions_(tx),
        household_places_(ConfiguredRegionLevels(tx).HouseholdPlaces()) {
    for (domain::Id after = 0;;) {
      auto page = tx_.Registry().ListHouseholdKeys(after, kKeyPage);
      for (auto& key : page) {
        stored_households_.emplace(std::move(key.number), std::make_pair(key.id, key.region_id));
      }
      if (static_cast<std::int64_t>(page.size()) < kKeyPage) break;
      after = page.back().id;
    }
    stored_household_count_ = static_cast<std::int64_t>(stored_households_.size());
    for (domain::Id after = 0;;) {
      auto page = tx_.Registry().ListResidentIdCards(after, kKeyPage);
      for (const auto& r : page) {
        if (std::uint64_t key = IdCardKey(r.id_card)) {
          stored_id_cards_.emplace(key, r.household_id.value_or(0));
        }
      }
      if (static_cast<std::int64_t>(page.size()) < kKeyPage) break;
      after = page.back().id;
    }
  }

  // Returns false when the row has a problem.
  bool Check(ParsedRow& row) {
    problems_.Begin(row);
    row.valid = true;
    const std::string& number = row.cells[kNumber];
    if (number.empty()) {
      Problem(kNumber, "户编号不能为空");
    } else if (auto p = domain::CheckTextField("number", number, domain::kHouseholdNumberRule)) {
      Problem(kNumber, p->message);
    }
    // The rules the API applies to a household's address (domain/text_rules.hpp).
    if (auto p = domain::CheckTextField("address", row.cells[kAddress], domain::kAddressRule)) {
      Problem(kAddress, p->message);
    }
    const domain::Region* region = CheckRegion(row.cells[kRegionCode]);

    std::vector<domain::FieldProblem> tag_problems;
    row.tags = NormaliseTags(SplitTags(row.cells[kTags]), tag_problems);
    for (const auto& p : tag_problems) Problem(kTags, p.message);

    HouseholdGroup* group = nullptr;
    std::uint32_t group_index = 0;
    if (!number.empty()) group = CheckHousehold(row, region, group_index);
    if (row.has_resident) CheckResident(row, group, group_index);
    if (group != nullptr) group->valid = group->valid && row.valid;
    return row.valid;
  }

  // After the last row: ID-card numbers that occur twice in the sheet. Returns the rows that
  // were valid until now and are not (their households are marked invalid).
  std::int64_t CheckDuplicates() {
    std::sort(id_cards_.begin(), id_cards_.end(), [](const SheetIdCard& a, const SheetIdCard& b) {
      return a.key != b.key ? a.key < b.key : a.row < b.row;
    });
    std::vector<std::int64_t> newly_invalid;
    for (std::size_t i = 1; i < id_cards_.size(); ++i) {
      if (id_cards_[i].key != id_cards_[i - 1].key) continue;
      std::size_t first = i - 1;
      while (first > 0 && id_cards_[first - 1].key == id_cards_[i].key) --first;
      problems_.AddAt(id_cards_[i].row, kIdCard,
                      "身份证号与第 " + std::to_string(id_cards_[first].row) + " 行重复");
      if (id_cards_[i].group != kNoGroup) groups_[id_cards_[i].group].valid = false;
      newly_invalid.push_back(id_cards_[i].row);
    }
    std::vector<SheetIdCard>().swap(id_cards_);
    std::int64_t count = 0;
    std::sort(newly_invalid.begin(), newly_invalid.end());
    for (std::size_t i = 0; i < newly_invalid.size(); ++i) {
      if (i > 0 && newly_invalid[i] == newly_invalid[i - 1]) continue;
      if (!std::binary_search(invalid_rows_.begin(), invalid_rows_.end(), newly_invalid[i])) {
        ++count;
      }
    }
    return count;
  }

  void MarkInvalid(std::int64_t row) { invalid_rows_.push_back(row); }

  // The reader's estimate of the sheet's rows, given now and then while the check pass reads:
  // the ID cards' and households' lists are made room for at once, a tenth over the estimate,
  // instead of doubling as they grow, so that the pass never holds a list twice (its old and its
  // new copy) nor a half-empty one (measured at 1M households, with 16-byte ID-card entries
  // instead of 24: the import's peak RSS 268-275 MiB instead of 294-296).
  // An estimate is believed up to 64 times the rows read so far: a file whose first rows are far
  // shorter than the rest makes room step by step instead of all at once.
  void ExpectRows(std::size_t estimated_rows, std::size_t rows_read) {
    if (rows_read == 0 || estimated_rows <= rows_read) return;
    estimated_rows = std::min(estimated_rows, rows_read * 64);
    const std::size_t rows = estimated_rows + estimated_rows / 10;
    if (rows > id_cards_.capacity()) id_cards_.reserve(rows);
    const auto households =
        static_cast<std::size_t>(static_cast<double>(rows) * static_cast<double>(groups_.size()) /
                                 static_cast<double>(rows_read));
    if (households > groups_.capacity()) groups_.reserve(households);
  }

  // The household of a 户编号 the check pass saw; nullptr for an unknown one.
  const HouseholdGroup* Group(const std::string& number) const {
    const std::optional<std::uint32_t> index = group_index_.Lookup(number);
    return index ? &groups_[*index] : nullptr;
  }
  const std::vector<HouseholdGroup>& groups() const { return groups_; }
  // The registry's size when the check began (kept after ReleaseStoredKeys).
  std::int64_t stored_households() const { return stored_household_count_; }

  // The memory of the check pass, given back once it is no longer needed so that what comes
  // after (the second pass, building indexes) reuses it: the store's keys after the check
  // pass, the households' after the second.
  void ReleaseStoredKeys() {
    decltype(stored_households_)().swap(stored_households_);
    decltype(stored_id_cards_)().swap(stored_id_cards_);
  }
  void ReleaseHouseholds() {
    group_index_.Clear();
    decltype(groups_)().swap(groups_);
  }

  const domain::Region* Region(const std::string& code) const { return regions_.Found(code); }

 private:
  void Problem(int column, std::string reason) { problems_.Add(column, std::move(reason)); }
  void Problem(std::string column, std::string reason) {
    problems_.Add(std::move(column), std::move(reason));
  }

  const domain::Region* CheckRegion(const std::string& code) {
    if (code.empty()) {
      Problem(kRegionCode, "所属区域代码不能为空");
      return nullptr;
    }
    const domain::Region* region = regions_.InScope(code, actor_, problems_, kRegionCode);
    if (region && region->level != domain::RegionLevel::kVillage &&
        region->level != domain::RegionLevel::kGroup) {
      Problem(kRegionCode, "户只能属于" + household_places_ + "，" + region->name + " 不是");
      return nullptr;
    }
    return region;
  }

  void CheckResident(ParsedRow& row, const HouseholdGroup* group, std::uint32_t group_index) {
    const std::string& id_card = row.cells[kIdCard];
    ResidentInput input = ToInput(row);
    std::vector<domain::FieldProblem> field_problems = ValidateResidentInput(input);
    bool name_reported = false;
    bool id_reported = false;
    bool phone_reported = false;
    for (const auto& p : field_problems) {
      name_reported |= p.field == "name";
      id_reported |= p.field == "id_card";
      phone_reported |= p.field == "phone";
      Problem(ColumnForField(p.field), p.message);
    }
    if (input.name.empty() && !name_reported) Problem(kName, "姓名不能为空");
    if (!input.phone.empty() && !phone_reported && !domain::IsPlausiblePhone(input.phone)) {
      Problem(kPhone, "联系电话格式不正确");
    }
    if (input.relation.size() > 30) Problem(kRelation, "与户主关系过长");
    for (Column flag : {kCommittee, kRep}) {
      if (!row.cells[flag].empty() && !ParseFlag(row.cells[flag])) {
        Problem(flag, "应填“是”或“否”（也可填 1/0、Y/N）");
      }
    }
    if (id_card.empty() || id_reported) return;
    domain::IdCardProblem id_problem = domain::ValidateIdCard(id_card);
    if (id_problem != domain::IdCardProblem::kNone) {
      Problem(kIdCard, domain::IdCardProblemMessage(id_problem));
      return;
    }
    const std::uint64_t key = IdCardKey(id_card);
    id_cards_.push_back(
        {key, static_cast<std::uint32_t>(row.row), group != nullptr ? group_index : kNoGroup});
    auto stored = stored_id_cards_.find(key);
    // A resident already in this household is matched, not added.
    if (stored != stored_id_cards_.end() &&
        (group == nullptr || group->existing_id == 0 || stored->second != group->existing_id)) {
      Problem(kIdCard, "身份证号已登记在系统中（在其他户或已迁出）");
    }
  }

  HouseholdGroup* CheckHousehold(ParsedRow& row, const domain::Region* region,
                                 std::uint32_t& index) {
    const std::string& number = row.cells[kNumber];
    bool inserted = false;
    index = group_index_.Insert(number, inserted);
    if (inserted) {
      groups_.emplace_back();
      HouseholdGroup& group = groups_.back();
      group.first_row = row.row;
      group.region_hash = TextHash(row.cells[kRegionCode]);
      group.address_hash = TextHash(row.cells[kAddress]);
      auto stored = stored_households_.find(number);
      if (stored != stored_households_.end()) {
        group.existing_id = stored->second.first;
        if (region && stored->second.second != region->id) {
          Problem(kRegionCode, "户编号 " + number + " 已存在，但属于其他区域");
        }
      }
    } else {
      const HouseholdGroup& group = groups_[index];
      std::string where = "与第 " + std::to_string(group.first_row) + " 行（同一户编号）不一致";
      if (TextHash(row.cells[kRegionCode]) != group.region_hash)
        Problem(kRegionCode, "所属区域代码" + where);
      if (TextHash(row.cells[kAddress]) != group.address_hash) Problem(kAddress, "地址" + where);
    }
    HouseholdGroup& group = groups_[index];
    group.last_row = row.row;
    if (row.has_resident && row.cells[kRelation] == kHead && ++group.heads > 1) {
      Problem(kRelation, "一户只能有一个户主");
    }
    return &group;
  }

  StoreTx& tx_;
  const Actor& actor_;
  RowProblems problems_;
  RegionCodes regions_;
  // 户编号 → (household, region).
  std::unordered_map<std::string, std::pair<domain::Id, domain::Id>> stored_households_;
  std::int64_t stored_household_count_ = 0;
  std::unordered_map<std::uint64_t, domain::Id> stored_id_cards_;  // Key → household (0: none).
  NumberIndex group_index_;
  std::string household_places_;  // "村或组": the configured names of the levels.
  std::vector<HouseholdGroup> groups_;
  std::vector<SheetIdCard> id_cards_;
  std::vector<std::int64_t> invalid_rows_;  // Ascending.
};

std::string TagsText(const std::vector<std::string>& tags) { return JoinTags(tags); }

bool SameTags(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void Note(std::vector<RosterChange>& list, RosterChange change) {
  if (list.size() < kMaxChangesListed) list.push_back(std::move(change));
}

// A bulk load's inserts on a thread of their own, so that reading and checking the next rows
// (half of the write pass's time) runs beside the engine's writes on a second core. The
// transaction belongs to this thread from construction until Finish() or destruction, and the
// caller must not use it in between. At most two batches wait; a failed insert stops the thread,
// and the next Push() or Finish() rethrows it on the caller's thread.
class BackgroundInserts {
 public:
  explicit BackgroundInserts(StoreTx& tx) : tx_(tx), thread_([this] { Run(); }) {}
  BackgroundInserts(const BackgroundInserts&) = delete;
  BackgroundInserts& operator=(const BackgroundInserts&) = delete;
  // Without Finish() (the caller is unwinding), the batches still waiting are dropped.
  ~BackgroundInserts() {
    {
      std::lock_guard lock(mutex_);
      queue_.clear();
    }
    Stop();
  }

  void Push(std::vector<domain::Household> households, std::vector<domain::Resident> residents) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kWaitingBatches || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queue_.push_back({std::move(households), std::move(residents)});
    changed_.notify_all();
  }
  // Waits for every batch to be written; the transaction is the caller's again.
  void Finish() {
    Stop();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  static constexpr std::size_t kWaitingBatches = 2;
  struct Batch {
    std::vector<domain::Household> households;
    std::vector<domain::Resident> residents;
  };

  void Run() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty() || done_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
      }
      try {
        if (!batch.households.empty()) tx_.Registry().BulkInsertHouseholds(batch.households);
        if (!batch.residents.empty()) tx_.Registry().BulkInsertResidents(batch.residents);
      } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
        queue_.clear();
        changed_.notify_all();
        return;
      }
    }
  }
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
      changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
  }

  StoreTx& tx_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> queue_;
  bool done_ = false;
  std::exception_ptr failure_;
  std::thread thread_;  // Last: starts once the members above exist.
};

// The write pass: the households of the sheet, each once all its rows are read, compared with
// the store and written in batches (or, in a dry run, only counted and listed). With
// `background` set (a bulk load: creations only, which read nothing from the store) the batches
// go to it instead of straight into the transaction.
class RosterWriter {
 public:
  RosterWriter(StoreTx& tx, const Actor& actor, ImportReport& report, bool write, std::size_t batch,
               BackgroundInserts* background = nullptr)
      : tx_(tx),
        actor_(actor),
        report_(report),
        write_(write),
        batch_(std::max<std::size_t>(1, batch)),
        background_(background) {}

  void Household(const std::string& number, const HouseholdGroup& group,
                 const domain::Region& region, std::vector<ParsedRow>& rows) {
    if (group.existing_id != 0) {
      if (background_ != nullptr) throw std::logic_error("RosterWriter: update in a bulk load");
      Update(number, group, rows);
    } else {
      Create(number, region, rows);
    }
    // Batches end between households: a household and its residents are written together.
    if (residents_.size() >= batch_ || households_.size() >= batch_) Flush();
  }

  void Finish() { Flush(); }

 private:
  void Create(const std::string& number, const domain::Region& region,
              std::vector<ParsedRow>& rows) {
    const ParsedRow& first = rows.front();
    domain::Household household;
    household.id = domain::NewId();
    household.region_id = region.id;
    household.region_path = region.path;
    household.number = number;
    household.address = first.cells[kAddress];
    household.created_at = actor_.now;
    household.updated_at = actor_.now;
    for (const ParsedRow& row : rows) {
      for (const auto& tag : row.tags) {
        if (std::find(household.tags.begin(), household.tags.end(), tag) == household.tags.end()) {
          household.tags.push_back(tag);
        }
      }
    }
    ++report_.households_created;
    Note(report_.changes.households_added, {first.row, number, household.address, {}});
    const domain::Id id = household.id;
    if (write_) households_.push_back(std::move(household));
    for (const ParsedRow& row : rows) {
      if (row.has_resident) Add(id, region.path, number, row);
    }
  }

  void Add(domain::Id household_id, const std::string& region_path, const std::string& number,
           const ParsedRow& row) {
    ++report_.residents_created;
    Note(report_.changes.residents_added, {row.row, number, row.cells[kName], {}});
    if (!write_) return;
    domain::Resident resident = ResidentFromInput(ToInput(row));
    resident.id = domain::NewId();
    resident.household_id = household_id;
    resident.region_path = region_path;
    resident.created_at = actor_.now;
    resident.updated_at = actor_.now;
    residents_.push_back(std::move(resident));
  }

  void Update(const std::string& number, const HouseholdGroup& group,
              std::vector<ParsedRow>& rows) {
    auto household = tx_.Registry().FindHousehold(group.existing_id);
    if (!household) return;
    const ParsedRow& first = rows.front();
    std::vector<std::string> tags;
    for (const ParsedRow& row : rows) {
      for (const auto& tag : row.tags) {
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
      }
    }
    RosterChange change{first.row, number, first.cells[kAddress], {}};
    if (household->address != first.cells[kAddress]) {
      change.changes.push_back({ColumnName(kAddress), household->address, first.cells[kAddress]});
    }
    if (!SameTags(household->tags, tags)) {
      change.changes.push_back({ColumnName(kTags), TagsText(household->tags), TagsText(tags)});
    }
    std::vector<domain::Resident> stored = tx_.Registry().ListHouseholdResidents(household->id);
    std::vector<bool> matched(stored.size(), false);
    std::int64_t added = 0;
    bool touched = !change.changes.empty();
    for (const ParsedRow& row : rows) {
      if (!row.has_resident) continue;
      const std::string& id_card = row.cells[kIdCard];
      std::optional<std::size_t> match;
      for (std::size_t i = 0; i < stored.size() && !match && !id_card.empty(); ++i) {
        if (!matched[i] && stored[i].id_card == id_card) match = i;
      }
      for (std::size_t i = 0; i < stored.size() && !match; ++i) {
        if (!matched[i] && stored[i].name == row.cells[kName] &&
            (stored[i].id_card.empty() || id_card.empty())) {
          match = i;
        }
      }
      if (!match) {
        Add(household->id, household->region_path, number, row);
        ++added;
        touched = true;
        continue;
      }
      matched[*match] = true;
      touched = UpdateResident(stored[*match], number, row) || touched;
    }
    for (std::size_t i = 0; i < stored.size(); ++i) {
      if (matched[i]) continue;
      MoveOut(stored[i], number);
      touched = true;
    }
    if (added > 0) ++report_.households_extended;
    if (!change.changes.empty()) {
      ++report_.households_changed;
      Note(report_.changes.households_changed, change);
    }
    if (write_ && touched) {
      household->address = first.cells[kAddress];
      household->tags = tags;
      household->updated_at = actor_.now;
      tx_.Registry().UpdateHousehold(*household);
    }
  }

  // Returns true when the resident changes.
  bool UpdateResident(const domain::Resident& before, const std::string& number,
                      const ParsedRow& row) {
    domain::Resident after = ResidentFromInput(ToInput(row));
    if (after.id_card.empty()) after.id_card = before.id_card;
    RosterChange change{row.row, number, after.name, {}};
    auto compare = [&](Column column, const std::string& a, const std::string& b) {
      if (a != b) change.changes.push_back({ColumnName(column), a, b});
    };
    compare(kName, before.name, after.name);
    compare(kSex, std::string(domain::SexLabel(before.sex)),
            std::string(domain::SexLabel(after.sex)));
    compare(kBirthDate, before.birth_date, after.birth_date);
    if (before.id_card != after.id_card) {
      change.changes.push_back({ColumnName(kIdCard), domain::MaskIdCard(before.id_card),
                                domain::MaskIdCard(after.id_card)});
    }
    compare(kPhone, before.phone, after.phone);
    compare(kRelation, before.relation, after.relation);
    // An empty flag cell keeps the stored flag.
    const ResidentInput input = ToInput(row);
    after.village_committee = input.village_committee.value_or(before.village_committee);
    after.villager_rep = input.villager_rep.value_or(before.villager_rep);
    compare(kCommittee, FlagText(before.village_committee), FlagText(after.village_committee));
    compare(kRep, FlagText(before.villager_rep), FlagText(after.villager_rep));
    if (change.changes.empty()) return false;
    ++report_.residents_changed;
    Note(report_.changes.residents_changed, std::move(change));
    if (write_) {
      domain::Resident updated = before;
      updated.name = after.name;
      updated.sex = after.sex;
      updated.birth_date = after.birth_date;
      updated.id_card = after.id_card;
      updated.phone = after.phone;
      updated.relation = after.relation;
      updated.village_committee = after.village_committee;
      updated.villager_rep = after.villager_rep;
      updated.pinyin = after.pinyin;
      updated.initials = after.initials;
      updated.updated_at = actor_.now;
      tx_.Registry().UpdateResident(updated);
    }
    return true;
  }

  // As RegistryService::MoveResident to no household: kept, with a move on record.
  void MoveOut(const domain::Resident& resident, const std::string& number) {
    ++report_.residents_moved_out;
    Note(report_.changes.residents_moved_out, {0, number, resident.name, {}});
    if (!write_) return;
    domain::ResidentMove move;
    move.id = domain::NewId();
    move.resident_id = resident.id;
    move.from_household_id = resident.household_id;
    move.reason = "花名册重新导入：新名册的该户中没有此人";
    move.at = actor_.now;
    if (actor_.user.id != 0) move.by_user_id = actor_.user.id;
    domain::Resident moved = resident;
    moved.household_id.reset();
    if (moved.relation == kHead) moved.relation.clear();
    moved.updated_at = actor_.now;
    tx_.Registry().UpdateResident(moved);
    tx_.Registry().InsertMove(move);
  }

  void Flush() {
    if (background_ != nullptr) {
      if (!households_.empty() || !residents_.empty()) {
        background_->Push(std::move(households_), std::move(residents_));
      }
    } else {
      if (!households_.empty()) tx_.Registry().BulkInsertHouseholds(households_);
      if (!residents_.empty()) tx_.Registry().BulkInsertResidents(residents_);
    }
    households_.clear();
    residents_.clear();
  }

  StoreTx& tx_;
  const Actor& actor_;
  ImportReport& report_;
  bool write_;
  std::size_t batch_;
  BackgroundInserts* background_;
  std::vector<domain::Household> households_;
  std::vector<domain::Resident> residents_;
};

// Whether the import writes with the registry's indexes built once at the end: it adds
// households only (an update reads stored residents through those indexes), and many of them.
bool PaysToLoadInBulk(const RosterValidator& validator, const ImportOptions& options) {
  std::int64_t added = 0;
  for (const auto& group : validator.groups()) {
    if (!group.valid) continue;
    if (group.existing_id != 0) return false;
    ++added;
  }
  return added >= options.bulk_load_from_households && added >= validator.stored_households();
}

}  // namespace

const std::vector<std::string>& RosterColumns() {
  static const std::vector<std::string> kColumns = {
      "户编号",   "所属区域代码", "地址",     "户标签",     "姓名",   "性别",
      "出生日期", "身份证号",     "联系电话", "与户主关系", "村两委", "村民代表"};
  return kColumns;
}

RosterService::RosterService(Store& store) : store_(store) {}

void RosterService::RequireImport(const Actor& actor) const { RequirePermission(actor); }

ImportReport RosterService::Import(const Actor& actor, const formats::Table& table,
                                   const ImportOptions& options) {
  return Import(
      actor, [&table] { return formats::TableRows(table); }, options);
}

ImportReport RosterService::Import(const Actor& actor, const RowSource& source,
                                   const ImportOptions& options) {
  RequirePermission(actor);
  ImportReport report;

  std::unique_ptr<formats::RowReader> reader = source();
  const SheetColumns columns(reader->header(), RosterColumns());
  columns.RequireColumns({kNumber, kRegionCode, kName}, report.problems);
  if (!report.problems.empty()) return report;

  const bool dry_run = options.mode == ImportMode::kDryRun;
  std::unique_ptr<StoreTx> tx = dry_run             ? store_.BeginRead()
                                : options.sole_user ? store_.BeginSole()
                                                    : store_.Begin();
  RosterValidator validator(*tx, actor, report.problems);
  std::vector<std::string> cells;
  ParsedRow row;
  while (reader->Next(cells)) {
    const auto done = static_cast<std::int64_t>(reader->rows_read());
    row.row = done + 1;
    if (row.row > std::numeric_limits<std::uint32_t>::max()) {
      throw domain::InvalidInput("roster.too_many_rows", "文件行数超过 4294967295 行，请分开导入");
    }
    if (ReadRow(cells, columns, row)) {
      ++report.rows;
      if (!validator.Check(row)) {
        ++report.invalid_rows;
        validator.MarkInvalid(row.row);
      }
    }
    if (done % kProgressEvery == 0) {
      const std::size_t estimated = reader->EstimatedRows();
      validator.ExpectRows(estimated, reader->rows_read());
      if (options.progress) options.progress(done, static_cast<std::int64_t>(estimated));
    }
  }
  const auto total = static_cast<std::int64_t>(reader->rows_read());
  reader.reset();
  report.invalid_rows += validator.CheckDuplicates();
  if (options.progress) options.progress(total, total);
  SortByRow(report.problems);
  for (const auto& group : validator.groups()) {
    if (!group.valid) ++report.households_skipped;
  }

  // The second pass: households whose rows are all valid, each handed over at its last row.
  // Rows of a household that are not adjacent wait in `pending` until then.
  const bool write =
      !dry_run && (options.mode == ImportMode::kSkipInvalid || report.invalid_rows == 0);
  validator.ReleaseStoredKeys();
  const bool bulk_load = write && PaysToLoadInBulk(validator, options);
  if (bulk_load) tx->Registry().BeginBulkLoad();
  std::optional<BackgroundInserts> background;
  if (bulk_load) background.emplace(*tx);
  RosterWriter writer(*tx, actor, report, write, options.write_batch,
                      background ? &*background : nullptr);
  std::unordered_map<std::string, std::vector<ParsedRow>> pending;
  reader = source();
  while (reader->Next(cells)) {
    row.row = static_cast<std::int64_t>(reader->rows_read()) + 1;
    if (!ReadRow(cells, columns, row)) continue;
    const HouseholdGroup* group = validator.Group(row.cells[kNumber]);
    if (group == nullptr || !group->valid) continue;
    std::vector<domain::FieldProblem> tag_problems;
    row.tags = NormaliseTags(SplitTags(row.cells[kTags]), tag_problems);
    const domain::Region* region = validator.Region(row.cells[kRegionCode]);
    if (region == nullptr) continue;
    const std::string number = row.cells[kNumber];
    if (group->first_row == group->last_row) {
      std::vector<ParsedRow> rows(1);
      std::swap(rows[0], row);
      writer.Household(number, *group, *region, rows);
      continue;
    }
    auto& rows = pending[number];
    rows.push_back(std::move(row));
    row = ParsedRow();
    if (rows.back().row == group->last_row) {
      writer.Household(number, *group, *region, rows);
      pending.erase(number);
    }
  }
  reader.reset();
  writer.Finish();
  if (background) background->Finish();
  validator.ReleaseHouseholds();
  if (bulk_load) {
    tx->Registry().EndBulkLoad();
    report.bulk_loaded = true;
  }

  const bool changed = report.households_created + report.residents_created +
                           report.households_changed + report.residents_changed +
                           report.residents_moved_out >
                       0;
  if (write && changed) {
    Audit(*tx, actor, "roster.import",
          JsonObjectWriter()
              .Add("mode", ImportModeCode(options.mode))
              .Add("rows", report.rows)
              .Add("invalid_rows", report.invalid_rows)
              .Add("households_created", report.households_created)
              .Add("households_extended", report.households_extended)
              .Add("households_changed", report.households_changed)
              .Add("residents_created", report.residents_created)
              .Add("residents_changed", report.residents_changed)
              .Add("residents_moved_out", report.residents_moved_out)
              .Add("households_skipped", report.households_skipped)
              .Finish());
    tx->Commit();
    report.written = true;
  }
  return report;
}

formats::Table RosterService::Export(const Actor& actor, std::string_view region_code) {
  RequirePermission(actor);
  formats::Table table;
  table.header = RosterColumns();
  std::int64_t household_count = 0;
  std::int64_t resident_count = 0;
  {
    std::unique_ptr<StoreTx> tx = store_.BeginReplicaRead(actor.read_fence);
    std::string prefix = actor.user.scope_region_path;
    if (!region_code.empty()) {
      auto region = tx->Registry().FindRegionByCode(region_code);
      if (!region) throw domain::NotFound("region.not_found", "区域不存在");
      if (!domain::RegionInScope(actor.user, region->path)) {
        throw domain::Forbidden("region.out_of_scope", "该区域不在您的管辖范围内");
      }
      prefix = region->path;
    }
    std::unordered_map<Id, std::string> codes;
    for (const auto& region : tx->Registry().ListRegionsUnder(prefix, std::nullopt)) {
      codes[region.id] = region.code;
    }

    HouseholdFilter filter;
    filter.region_path_prefix = prefix;
    domain::PageRequest page;
    page.limit = kExportPage;
    page.sort = "number";
    for (;;) {
      auto households = tx->Registry().ListHouseholds(filter, page);
      for (const auto& household : households.items) {
        ++household_count;
        std::vector<std::string> base = {household.number, codes[household.region_id],
                                         household.address, JoinTags(household.tags)};
        auto members = tx->Registry().ListHouseholdResidents(household.id);
        if (members.empty()) {
          base.resize(RosterColumns().size());
          table.rows.push_back(std::move(base));
          continue;
        }
        for (const auto& member : members) {
          ++resident_count;
          std::vector<std::string> row = base;
          row.insert(row.end(),
                     {member.name, std::string(domain::SexLabel(member.sex)), member.birth_date,
                      member.id_card, member.phone, member.relation,
                      FlagText(member.village_committee), FlagText(member.villager_rep)});
          table.rows.push_back(std::move(row));
        }
      }
      page.offset += static_cast<std::int64_t>(households.items.size());
      if (households.items.empty() || page.offset >= households.total) break;
    }
  }
  std::unique_ptr<StoreTx> tx = store_.Begin();
  Audit(*tx, actor, "roster.export",
        JsonObjectWriter()
            .Add("region", region_code)
            .Add("households", household_count)
            .Add("residents", resident_count)
            .Finish());
  tx->Commit();
  return table;
}

}  // namespace minqing::app
