#include "app/roster.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "app/audit.hpp"
#include "app/registry_service.hpp"
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
                                                        {"relation", kRelation}};
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

std::string_view ModeCode(ImportMode mode) {
  switch (mode) {
    case ImportMode::kDryRun:
      return "dry_run";
    case ImportMode::kAllOrNothing:
      return "all_or_nothing";
    case ImportMode::kSkipInvalid:
      return "skip_invalid";
  }
  return "";
}

struct ParsedRow {
  std::int64_t row = 0;
  std::string cells[kColumnCount];
  std::vector<std::string> tags;
  bool has_resident = false;
  bool valid = true;
};

ResidentInput ToInput(const ParsedRow& row) {
  ResidentInput input;
  input.name = row.cells[kName];
  input.sex = row.cells[kSex];
  input.birth_date = row.cells[kBirthDate];
  input.id_card = row.cells[kIdCard];
  input.phone = row.cells[kPhone];
  input.relation = row.cells[kRelation];
  return input;
}

// Rows sharing one 户编号.
struct HouseholdGroup {
  std::int64_t first_row = 0;
  std::optional<domain::Region> region;
  std::optional<domain::Household> existing;
  std::vector<std::size_t> rows;  // Indexes into the parsed rows.
  std::int64_t heads = 0;
  bool valid = true;
};

// Reads and checks rows one at a time, remembering what earlier rows and the database hold.
class RosterValidator {
 public:
  RosterValidator(StoreTx& tx, const Actor& actor, std::vector<RosterProblem>& problems)
      : tx_(tx), actor_(actor), problems_(problems) {}

  void Check(ParsedRow& row) {
    row_ = &row;
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
    std::optional<domain::Region> region = CheckRegion(row.cells[kRegionCode]);

    std::vector<domain::FieldProblem> tag_problems;
    row.tags = NormaliseTags(SplitTags(row.cells[kTags]), tag_problems);
    for (const auto& p : tag_problems) Problem(kTags, p.message);

    for (int c = kName; c <= kRelation; ++c) {
      if (!row.cells[c].empty()) row.has_resident = true;
    }
    if (row.has_resident) CheckResident(row);

    if (!number.empty()) CheckHousehold(row, region);
  }

  // Takes ownership of a checked row.
  void Keep(ParsedRow row) { rows_.push_back(std::move(row)); }

  std::map<std::string, HouseholdGroup>& groups() { return groups_; }
  std::vector<ParsedRow>& rows() { return rows_; }

 private:
  void Problem(int column, std::string reason) {
    row_->valid = false;
    problems_.push_back({row_->row, ColumnName(static_cast<Column>(column)), std::move(reason)});
  }
  void Problem(std::string column, std::string reason) {
    row_->valid = false;
    problems_.push_back({row_->row, std::move(column), std::move(reason)});
  }

  std::optional<domain::Region> CheckRegion(const std::string& code) {
    if (code.empty()) {
      Problem(kRegionCode, "所属区域代码不能为空");
      return std::nullopt;
    }
    auto it = regions_.find(code);
    if (it == regions_.end())
      it = regions_.emplace(code, tx_.Registry().FindRegionByCode(code)).first;
    const auto& region = it->second;
    if (!region) {
      Problem(kRegionCode, "区域代码 " + code + " 不存在");
    } else if (!domain::RegionInScope(actor_.user, region->path)) {
      Problem(kRegionCode, "区域 " + region->name + " 不在您的管辖范围内");
    } else if (region->level != domain::RegionLevel::kVillage &&
               region->level != domain::RegionLevel::kGroup) {
      Problem(kRegionCode, "户只能属于村（社区）或组，" + region->name + " 不是");
    } else {
      return region;
    }
    return std::nullopt;
  }

  void CheckResident(ParsedRow& row) {
    std::string& id_card = row.cells[kIdCard];
    std::transform(id_card.begin(), id_card.end(), id_card.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
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
    if (id_card.empty() || id_reported) return;
    domain::IdCardProblem id_problem = domain::ValidateIdCard(id_card);
    if (id_problem != domain::IdCardProblem::kNone) {
      Problem(kIdCard, domain::IdCardProblemMessage(id_problem));
      return;
    }
    auto [seen, inserted] = id_cards_.emplace(id_card, row.row);
    if (!inserted) {
      Problem(kIdCard, "身份证号与第 " + std::to_string(seen->second) + " 行重复");
    } else if (tx_.Registry().FindResidentByIdCard(id_card)) {
      Problem(kIdCard, "身份证号已登记在系统中");
    }
  }

  void CheckHousehold(ParsedRow& row, const std::optional<domain::Region>& region) {
    const std::string& number = row.cells[kNumber];
    auto [it, inserted] = groups_.try_emplace(number);
    HouseholdGroup& group = it->second;
    if (inserted) {
      group.first_row = row.row;
      group.region = region;
      group.existing = tx_.Registry().FindHouseholdByNumber(number);
      if (group.existing) {
        for (const auto& r : tx_.Registry().ListHouseholdResidents(group.existing->id)) {
          if (r.relation == kHead) ++group.heads;
        }
        if (region && group.existing->region_id != region->id) {
          Problem(kRegionCode, "户编号 " + number + " 已存在，但属于其他区域");
        }
      }
    } else {
      const ParsedRow& first = rows_[group.rows.front()];
      std::string where = "与第 " + std::to_string(group.first_row) + " 行（同一户编号）不一致";
      if (row.cells[kRegionCode] != first.cells[kRegionCode])
        Problem(kRegionCode, "所属区域代码" + where);
      if (row.cells[kAddress] != first.cells[kAddress]) Problem(kAddress, "地址" + where);
    }
    if (row.has_resident && row.cells[kRelation] == kHead && ++group.heads > 1) {
      Problem(kRelation, "一户只能有一个户主");
    }
    group.rows.push_back(rows_.size());
  }

 private:
  StoreTx& tx_;
  const Actor& actor_;
  std::vector<RosterProblem>& problems_;
  ParsedRow* row_ = nullptr;
  std::unordered_map<std::string, std::optional<domain::Region>> regions_;
  std::unordered_map<std::string, std::int64_t> id_cards_;
  std::map<std::string, HouseholdGroup> groups_;
  std::vector<ParsedRow> rows_;
};

}  // namespace

const std::vector<std::string>& RosterColumns() {
  static const std::vector<std::string> kColumns = {
      "户编号", "所属区域代码", "地址",     "户标签",   "姓名",
      "性别",   "出生日期",     "身份证号", "联系电话", "与户主关系"};
  return kColumns;
}

RosterService::RosterService(Store& store) : store_(store) {}

void RosterService::RequireImport(const Actor& actor) const { RequirePermission(actor); }

ImportReport RosterService::Import(const Actor& actor, const formats::Table& table,
                                   const ImportOptions& options) {
  RequirePermission(actor);
  ImportReport report;

  int index[kColumnCount];
  for (int c = 0; c < kColumnCount; ++c) {
    index[c] = -1;
    for (std::size_t h = 0; h < table.header.size(); ++h) {
      if (domain::TrimWide(table.header[h]) == ColumnName(static_cast<Column>(c))) {
        index[c] = static_cast<int>(h);
        break;
      }
    }
  }
  for (Column required : {kNumber, kRegionCode, kName}) {
    if (index[required] < 0) report.problems.push_back({1, ColumnName(required), "缺少此列"});
  }
  if (!report.problems.empty()) return report;

  bool dry_run = options.mode == ImportMode::kDryRun;
  std::unique_ptr<StoreTx> tx = dry_run ? store_.BeginRead() : store_.Begin();
  RosterValidator validator(*tx, actor, report.problems);
  auto total = static_cast<std::int64_t>(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& cells = table.rows[r];
    ParsedRow row;
    row.row = static_cast<std::int64_t>(r) + 2;
    bool blank = true;
    for (int c = 0; c < kColumnCount; ++c) {
      if (index[c] >= 0 && static_cast<std::size_t>(index[c]) < cells.size()) {
        row.cells[c] = domain::TrimWide(cells[static_cast<std::size_t>(index[c])]);
        blank = blank && row.cells[c].empty();
      }
    }
    if (!blank) {
      ++report.rows;
      validator.Check(row);
      if (!row.valid) ++report.invalid_rows;
      validator.Keep(std::move(row));
    }
    auto done = static_cast<std::int64_t>(r) + 1;
    if (options.progress && done % kProgressEvery == 0) options.progress(done, total);
  }
  if (options.progress) options.progress(total, total);
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const RosterProblem& a, const RosterProblem& b) { return a.row < b.row; });

  std::vector<domain::Household> households;
  std::vector<domain::Resident> residents;
  auto& rows = validator.rows();
  for (auto& [number, group] : validator.groups()) {
    for (std::size_t i : group.rows) group.valid = group.valid && rows[i].valid;
    if (!group.valid) {
      ++report.households_skipped;
      continue;
    }
    const ParsedRow& first = rows[group.rows.front()];
    domain::Household household;
    if (group.existing) {
      household = *group.existing;
    } else {
      household.id = domain::NewId();
      household.region_id = group.region->id;
      household.region_path = group.region->path;
      household.number = number;
      household.address = first.cells[kAddress];
      household.created_at = actor.now;
      household.updated_at = actor.now;
      for (std::size_t i : group.rows) {
        for (const auto& tag : rows[i].tags) {
          if (std::find(household.tags.begin(), household.tags.end(), tag) ==
              household.tags.end()) {
            household.tags.push_back(tag);
          }
        }
      }
      households.push_back(household);
    }
    std::int64_t added = 0;
    for (std::size_t i : group.rows) {
      if (!rows[i].has_resident) continue;
      domain::Resident resident = ResidentFromInput(ToInput(rows[i]));
      resident.id = domain::NewId();
      resident.household_id = household.id;
      resident.region_path = household.region_path;
      resident.created_at = actor.now;
      resident.updated_at = actor.now;
      residents.push_back(std::move(resident));
      ++added;
    }
    if (group.existing && added > 0) ++report.households_extended;
  }
  report.households_created = static_cast<std::int64_t>(households.size());
  report.residents_created = static_cast<std::int64_t>(residents.size());

  bool write = !dry_run && (options.mode == ImportMode::kSkipInvalid || report.invalid_rows == 0) &&
               (!households.empty() || !residents.empty());
  if (write) {
    tx->Registry().BulkInsertHouseholds(households);
    tx->Registry().BulkInsertResidents(residents);
    Audit(*tx, actor, "roster.import",
          JsonObjectWriter()
              .Add("mode", ModeCode(options.mode))
              .Add("rows", report.rows)
              .Add("invalid_rows", report.invalid_rows)
              .Add("households_created", report.households_created)
              .Add("households_extended", report.households_extended)
              .Add("residents_created", report.residents_created)
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
    std::unique_ptr<StoreTx> tx = store_.BeginRead();
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
          row.insert(row.end(), {member.name, std::string(domain::SexLabel(member.sex)),
                                 member.birth_date, member.id_card, member.phone, member.relation});
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
