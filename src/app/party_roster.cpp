#include "app/party_roster.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "app/audit.hpp"
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
  kPath,
  kName,
  kIdCard,
  kJoinedOn,
  kStatus,
  kAway,
  kAwayTo,
  kCanTake,
  kCapacity,
  kPhone,
  kLeader,
  kColumnCount,
};

constexpr std::size_t kMaxPathDepth = 8;
constexpr std::int64_t kMaxCapacity = 30;  // As the party member form (registry_party.cpp).
constexpr std::int64_t kDefaultCapacity = 10;
constexpr std::int64_t kExportPage = 5000;

const std::string& ColumnName(Column column) { return PartyRosterColumns()[column]; }

void RequirePermission(const Actor& actor) {
  if (!domain::RoleHas(actor.user.role, domain::Permission::kImportExport)) {
    throw domain::Forbidden("party_roster.forbidden", "没有导入导出党员花名册的权限");
  }
}

// The name endings that say what kind of org a path element is, longest first.
struct KindSuffix {
  std::string_view suffix;
  domain::PartyOrgKind kind;
};
constexpr KindSuffix kSuffixes[] = {
    {"党工委", domain::PartyOrgKind::kBranch}, {"党总支", domain::PartyOrgKind::kBranch},
    {"党支部", domain::PartyOrgKind::kBranch}, {"党小组", domain::PartyOrgKind::kGroup},
    {"党委", domain::PartyOrgKind::kBranch},   {"总支", domain::PartyOrgKind::kBranch},
    {"支部", domain::PartyOrgKind::kBranch},   {"小组", domain::PartyOrgKind::kGroup},
};

std::optional<KindSuffix> SuffixOf(std::string_view name) {
  for (const auto& s : kSuffixes) {
    if (name.size() > s.suffix.size() && name.ends_with(s.suffix)) return s;
  }
  return std::nullopt;
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::string current;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      parts.push_back(domain::TrimWide(current));
      current.clear();
      ++i;
    } else if (path.substr(i, 3) == "／") {
      parts.push_back(domain::TrimWide(current));
      current.clear();
      i += 3;
    } else {
      current.push_back(path[i++]);
    }
  }
  parts.push_back(domain::TrimWide(current));
  return parts;
}

std::optional<bool> ParseFlag(std::string_view text) {
  static const std::set<std::string_view> kYes = {"是", "Y", "y", "1", "√", "true", "TRUE", "yes"};
  static const std::set<std::string_view> kNo = {"否", "N", "n", "0", "×", "false", "FALSE", "no"};
  if (kYes.count(text)) return true;
  if (kNo.count(text)) return false;
  return std::nullopt;
}

const char* FlagText(bool value) { return value ? "是" : "否"; }

// 正式/预备 as the sheet writes them; 正式党员/预备党员 and the API codes are read too.
std::optional<domain::MemberStatus> ParseStatus(const std::string& text) {
  if (text == "正式党员") return domain::MemberStatus::kFull;
  if (text == "预备党员") return domain::MemberStatus::kProbationary;
  return domain::ParseMemberStatus(text);
}
const char* StatusText(domain::MemberStatus status) {
  return status == domain::MemberStatus::kProbationary ? "预备" : "正式";
}

// 2020-07-01, 2020/7/1 and 2020.7.1 → 2020-07-01; anything else unchanged.
std::string NormaliseDate(const std::string& text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '-' || c == '/' || c == '.') {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 ||
      parts[2].empty() || parts[2].size() > 2) {
    return text;
  }
  auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  return parts[0] + "-" + pad(parts[1]) + "-" + pad(parts[2]);
}

// A party org as the import sees it: stored, or planned by a path of this file.
struct OrgNode {
  domain::PartyOrg org;
  bool is_new = false;
  bool used = false;  // On the path of a row that is written.
};

struct ParsedRow : SheetRow {
  std::string cells[kColumnCount];
  std::vector<Id> chain;  // The path's orgs from the top; empty when the path is bad.
  bool org_only = false;  // A path without a member.
  std::optional<domain::Resident> resident;
  std::optional<domain::PartyMember> existing;
  domain::PartyMember member;  // As it will be stored.
  std::optional<bool> leader;  // The 是否党小组长 cell, when filled.
};

class PartyRosterImporter {
 public:
  PartyRosterImporter(StoreTx& tx, const Actor& actor, std::vector<RosterProblem>& problems)
      : tx_(tx), actor_(actor), problems_(problems, PartyRosterColumns()) {}

  void Check(ParsedRow& row) {
    problems_.Begin(row);
    row.chain = ResolvePath(row.cells[kPath]);
    bool member_cells = false;
    for (int c = kName; c < kColumnCount; ++c) member_cells = member_cells || !row.cells[c].empty();
    if (!member_cells) {
      row.org_only = true;
      return;
    }
    CheckMember(row);
  }

  std::map<Id, OrgNode>& orgs() { return orgs_; }
  const std::vector<Id>& created_order() const { return created_order_; }

 private:
  void Problem(Column column, std::string reason) { problems_.Add(column, std::move(reason)); }

  // Children of an org (0: the roots), stored or planned, by name.
  std::map<std::string, Id>& ChildrenOf(Id parent) {
    auto [it, inserted] = children_.try_emplace(parent);
    if (inserted) {
      std::optional<Id> parent_id;
      if (parent != 0) parent_id = parent;
      for (auto& org : tx_.Registry().ListPartyOrgs(parent_id, "")) {
        const Id id = org.id;
        it->second.emplace(org.name, id);
        orgs_.try_emplace(id, OrgNode{std::move(org), false, false});
      }
    }
    return it->second;
  }

  const std::multimap<std::string, domain::Region>& RegionsByName() {
    if (!regions_loaded_) {
      for (auto& region :
           tx_.Registry().ListRegionsUnder(actor_.user.scope_region_path, std::nullopt)) {
        std::string name = region.name;
        regions_by_name_.emplace(std::move(name), std::move(region));
      }
      regions_loaded_ = true;
    }
    return regions_by_name_;
  }

  // The region named like the org (without its kind ending) inside `within`: the shallowest
  // match, none when two are equally shallow.
  std::optional<domain::Region> RegionNamed(const std::string& base, const std::string& within) {
    const auto& by_name = RegionsByName();
    auto [first, last] = by_name.equal_range(base);
    std::optional<domain::Region> best;
    bool tie = false;
    for (auto it = first; it != last; ++it) {
      const auto& region = it->second;
      if (!region.path.starts_with(within)) continue;
      if (!best || region.path.size() < best->path.size()) {
        best = region;
        tie = false;
      } else if (region.path.size() == best->path.size()) {
        tie = true;
      }
    }
    if (tie) return std::nullopt;
    return best;
  }

  std::vector<Id> ResolvePath(const std::string& path) {
    if (path.empty()) {
      Problem(kPath, "党组织路径不能为空，例如：饶阳镇党委/小石楼村党支部/一组党小组");
      return {};
    }
    std::vector<std::string> names = SplitPath(path);
    if (names.size() > kMaxPathDepth) {
      Problem(kPath, "党组织路径最多 " + std::to_string(kMaxPathDepth) + " 级");
      return {};
    }
    std::vector<Id> chain;
    Id parent = 0;
    for (const auto& name : names) {
      if (name.empty()) {
        Problem(kPath, "党组织路径中有空的一级（多余的 /）");
        return {};
      }
      if (auto p = domain::CheckTextField("path", name, domain::kShortFieldRule)) {
        Problem(kPath, "党组织名称「" + domain::Utf8Prefix(name, 20) + "」：" + p->message);
        return {};
      }
      const OrgNode* parent_node = parent == 0 ? nullptr : &orgs_.at(parent);
      auto& children = ChildrenOf(parent);
      auto found = children.find(name);
      if (found != children.end()) {
        parent = found->second;
      } else {
        std::optional<Id> created = Plan(name, parent_node);
        if (!created) return {};
        children.emplace(name, *created);
        parent = *created;
      }
      const OrgNode& node = orgs_.at(parent);
      if (parent_node && parent_node->org.kind == domain::PartyOrgKind::kGroup) {
        Problem(kPath, "党小组「" + parent_node->org.name + "」下不能再设党组织");
        return {};
      }
      chain.push_back(node.org.id);
    }
    const OrgNode& last = orgs_.at(chain.back());
    if (!domain::RegionInScope(actor_.user, last.org.region_path)) {
      Problem(kPath, "党组织「" + last.org.name + "」不在您的管辖范围内");
      return {};
    }
    return chain;
  }

  // A new org for a path element, or nullopt after reporting why it cannot be created.
  std::optional<Id> Plan(const std::string& name, const OrgNode* parent) {
    std::optional<KindSuffix> suffix = SuffixOf(name);
    if (!suffix) {
      Problem(kPath,
              "党组织「" + name +
                  "」不存在，且无法从名称判断类型：新建的党组织名称应以党委、党总支、党支部或"
                  "党小组结尾");
      return std::nullopt;
    }
    if (suffix->kind == domain::PartyOrgKind::kGroup && parent == nullptr) {
      Problem(kPath, "党小组「" + name +
                         "」必须隶属于党支部，请在路径中写出上级，如 "
                         "小石楼村党支部/" +
                         name);
      return std::nullopt;
    }
    if (parent && parent->org.kind == domain::PartyOrgKind::kGroup) {
      Problem(kPath, "党小组「" + parent->org.name + "」下不能再设党组织");
      return std::nullopt;
    }
    std::string base = name.substr(0, name.size() - suffix->suffix.size());
    std::string within = parent ? parent->org.region_path : actor_.user.scope_region_path;
    std::optional<domain::Region> region = RegionNamed(base, within);
    domain::PartyOrg org;
    if (region) {
      org.region_id = region->id;
      org.region_path = region->path;
    } else if (parent) {
      org.region_id = parent->org.region_id;
      org.region_path = parent->org.region_path;
    } else {
      Problem(kPath, "无法确定党组织「" + name +
                         "」所属区域：顶级党组织的名称应以区域名开头（如「" +
                         "饶阳镇党委」对应区域饶阳镇），且该区域名在您的管辖范围内唯一");
      return std::nullopt;
    }
    if (!domain::RegionInScope(actor_.user, org.region_path)) {
      Problem(kPath, "党组织「" + name + "」所属区域不在您的管辖范围内");
      return std::nullopt;
    }
    org.id = domain::NewId();
    org.kind = suffix->kind;
    org.name = name;
    if (parent) org.parent_id = parent->org.id;
    orgs_.emplace(org.id, OrgNode{org, true, false});
    created_order_.push_back(org.id);
    return org.id;
  }

  void CheckMember(ParsedRow& row) {
    const std::string& name = row.cells[kName];
    if (name.empty()) {
      Problem(kName, "姓名不能为空");
    } else if (auto p = domain::CheckTextField("name", name, domain::kPersonNameRule)) {
      Problem(kName, p->message);
    }
    std::string& id_card = row.cells[kIdCard];
    std::transform(id_card.begin(), id_card.end(), id_card.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
    if (id_card.empty()) {
      Problem(kIdCard, "身份证号不能为空（用它找到户籍登记中的居民）");
    } else if (auto id_problem = domain::ValidateIdCard(id_card);
               id_problem != domain::IdCardProblem::kNone) {
      Problem(kIdCard, domain::IdCardProblemMessage(id_problem));
    } else if (auto [seen, inserted] = id_cards_.emplace(id_card, row.row); !inserted) {
      Problem(kIdCard, "身份证号与第 " + std::to_string(seen->second) + " 行重复");
    } else {
      row.resident = tx_.Registry().FindResidentByIdCard(id_card);
      if (!row.resident) {
        Problem(kIdCard,
                "户籍登记中没有此身份证号的居民：请先在户籍花名册中导入该居民（户籍登记 → "
                "导入花名册，或 minqing import），再导入党员花名册");
      } else if (!domain::RegionInScope(actor_.user, row.resident->region_path)) {
        Problem(kIdCard, "该居民不在您的管辖范围内");
        row.resident.reset();
      } else if (!name.empty() && row.resident->name != name) {
        Problem(kName, "姓名与户籍登记不一致：此身份证号登记的姓名是「" + row.resident->name +
                           "」，请核对姓名或身份证号");
      }
    }

    std::optional<domain::MemberStatus> status;
    if (!row.cells[kStatus].empty()) {
      status = ParseStatus(row.cells[kStatus]);
      if (!status) Problem(kStatus, "党员状态应为正式或预备，不能是「" + row.cells[kStatus] + "」");
    }
    std::string joined_on = NormaliseDate(row.cells[kJoinedOn]);
    if (!joined_on.empty() && !domain::IsIsoDate(joined_on)) {
      Problem(kJoinedOn, "入党日期「" + row.cells[kJoinedOn] + "」不是有效日期，应写成 2001-07-01");
    }
    auto flag = [&](Column column) -> std::optional<bool> {
      if (row.cells[column].empty()) return std::nullopt;
      auto value = ParseFlag(row.cells[column]);
      if (!value) Problem(column, ColumnName(column) + "应填写是或否");
      return value;
    };
    std::optional<bool> away = flag(kAway);
    std::optional<bool> can_take = flag(kCanTake);
    row.leader = flag(kLeader);
    if (auto p = domain::CheckTextField("away_to", row.cells[kAwayTo], domain::kShortFieldRule)) {
      Problem(kAwayTo, p->message);
    }
    std::optional<std::int64_t> capacity;
    if (!row.cells[kCapacity].empty()) {
      const std::string& text = row.cells[kCapacity];
      bool digits = text.size() <= 3 && std::all_of(text.begin(), text.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
      if (!digits || std::stoll(text) > kMaxCapacity) {
        Problem(kCapacity, "联系户数上限应为 0 到 " + std::to_string(kMaxCapacity) +
                               " 之间的整数，不能是「" + text + "」");
      } else {
        capacity = std::stoll(text);
      }
    }
    const std::string& phone = row.cells[kPhone];
    if (!phone.empty() && !domain::IsPlausiblePhone(phone)) {
      Problem(kPhone, "联系电话格式不正确");
    }
    if (row.leader.value_or(false) && !row.chain.empty()) {
      const OrgNode& org = orgs_.at(row.chain.back());
      if (org.org.kind != domain::PartyOrgKind::kGroup) {
        Problem(kLeader, "党小组长必须属于党小组：党组织路径应以党小组结尾");
      } else if (auto [seen, inserted] = leader_rows_.emplace(org.org.id, row.row); !inserted) {
        Problem(kLeader, "党小组「" + org.org.name + "」的组长已由第 " +
                             std::to_string(seen->second) + " 行填写，一个党小组只有一名组长");
      }
    }
    if (!row.resident || row.chain.empty()) return;

    row.existing = tx_.Registry().FindPartyMemberByResident(row.resident->id);
    domain::PartyMember& m = row.member;
    if (row.existing) {
      m = *row.existing;
    } else {
      m.id = domain::NewId();
      m.resident_id = row.resident->id;
      m.capacity = kDefaultCapacity;
    }
    const OrgNode& org = orgs_.at(row.chain.back());
    m.org_id = org.org.id;
    m.org_name = org.org.name;
    m.region_path =
        row.resident->region_path.empty() ? org.org.region_path : row.resident->region_path;
    if (status) m.status = *status;
    if (away) m.away = *away;
    if (!row.cells[kAwayTo].empty()) {
      m.away_to = row.cells[kAwayTo];
    } else if (away && !*away) {
      m.away_to.clear();
    }
    if (can_take) m.can_take_households = *can_take;
    if (capacity) m.capacity = *capacity;
    if (!joined_on.empty()) m.joined_on = joined_on;
  }

  StoreTx& tx_;
  const Actor& actor_;
  RowProblems problems_;
  std::map<Id, OrgNode> orgs_;
  std::map<Id, std::map<std::string, Id>> children_;
  std::vector<Id> created_order_;
  bool regions_loaded_ = false;
  std::multimap<std::string, domain::Region> regions_by_name_;
  std::unordered_map<std::string, std::int64_t> id_cards_;
  std::unordered_map<Id, std::int64_t> leader_rows_;  // Group → the row naming its leader.
};

bool SameMember(const domain::PartyMember& a, const domain::PartyMember& b) {
  return a.org_id == b.org_id && a.region_path == b.region_path && a.status == b.status &&
         a.away == b.away && a.away_to == b.away_to &&
         a.can_take_households == b.can_take_households && a.capacity == b.capacity &&
         a.joined_on == b.joined_on;
}

}  // namespace

const std::vector<std::string>& PartyRosterColumns() {
  static const std::vector<std::string> kColumns = {
      "党组织路径", "姓名",           "身份证号",     "入党日期", "党员状态",    "是否流动",
      "流动去向",   "是否可联系农户", "联系户数上限", "联系电话", "是否党小组长"};
  return kColumns;
}

PartyRosterService::PartyRosterService(Store& store) : store_(store) {}

void PartyRosterService::RequireImport(const Actor& actor) const { RequirePermission(actor); }

PartyImportReport PartyRosterService::Import(const Actor& actor, const formats::Table& table,
                                             ImportMode mode) {
  RequirePermission(actor);
  PartyImportReport report;

  const SheetColumns columns(table.header, PartyRosterColumns());
  columns.RequireColumns({kPath, kName, kIdCard}, report.problems);
  if (!report.problems.empty()) return report;

  const bool dry_run = mode == ImportMode::kDryRun;
  std::unique_ptr<StoreTx> tx = dry_run ? store_.BeginRead() : store_.Begin();
  PartyRosterImporter importer(*tx, actor, report.problems);
  std::vector<ParsedRow> rows;
  report.rows = ReadSheetRows<ParsedRow>(table, columns, [&](ParsedRow&& row) {
    importer.Check(row);
    if (!row.valid) ++report.invalid_rows;
    rows.push_back(std::move(row));
  });
  SortByRow(report.problems);

  // What the valid rows write: their orgs, members, phones and group leaders.
  auto& orgs = importer.orgs();
  std::vector<domain::PartyMember> created;
  std::vector<domain::PartyMember> updated;
  std::vector<domain::Resident> phones;
  std::map<Id, std::optional<Id>> leaders;  // Org → its leader after the import.
  auto leader_of = [&](Id org_id) -> std::optional<Id>& {
    auto it = leaders.find(org_id);
    if (it == leaders.end())
      it = leaders.emplace(org_id, orgs.at(org_id).org.leader_member_id).first;
    return it->second;
  };
  for (auto& row : rows) {
    if (!row.valid) {
      ++report.rows_skipped;
      continue;
    }
    for (Id id : row.chain) orgs.at(id).used = true;
    if (row.org_only) continue;
    const domain::PartyMember& m = row.member;
    if (!row.existing) {
      created.push_back(m);
    } else if (!SameMember(*row.existing, m)) {
      updated.push_back(m);
      if (row.existing->org_id != m.org_id && orgs.count(row.existing->org_id) == 0) {
        if (auto old = tx->Registry().FindPartyOrg(row.existing->org_id)) {
          orgs.emplace(old->id, OrgNode{*old, false, false});
        }
      }
      if (row.existing->org_id != m.org_id && orgs.count(row.existing->org_id) &&
          leader_of(row.existing->org_id) == m.id) {
        leader_of(row.existing->org_id).reset();
      }
    }
    if (!row.cells[kPhone].empty() && row.cells[kPhone] != row.resident->phone) {
      domain::Resident resident = *row.resident;
      resident.phone = row.cells[kPhone];
      resident.updated_at = actor.now;
      phones.push_back(std::move(resident));
    }
    if (row.leader) {
      auto& leader = leader_of(m.org_id);
      if (*row.leader) {
        leader = m.id;
      } else if (leader == m.id) {
        leader.reset();
      }
    }
  }
  std::vector<domain::PartyOrg> new_orgs;
  for (Id id : importer.created_order()) {
    OrgNode& node = orgs.at(id);
    if (!node.used) continue;
    if (auto it = leaders.find(id); it != leaders.end()) node.org.leader_member_id = it->second;
    if (node.org.leader_member_id) ++report.leaders_set;
    new_orgs.push_back(node.org);
  }
  std::vector<domain::PartyOrg> changed_orgs;
  for (const auto& [id, leader] : leaders) {
    OrgNode& node = orgs.at(id);
    if (node.is_new || node.org.leader_member_id == leader) continue;
    node.org.leader_member_id = leader;
    if (leader) ++report.leaders_set;
    changed_orgs.push_back(node.org);
  }
  report.orgs_created = static_cast<std::int64_t>(new_orgs.size());
  report.members_created = static_cast<std::int64_t>(created.size());
  report.members_updated = static_cast<std::int64_t>(updated.size());
  report.phones_updated = static_cast<std::int64_t>(phones.size());

  const bool write = !dry_run && (mode == ImportMode::kSkipInvalid || report.invalid_rows == 0) &&
                     (!new_orgs.empty() || !created.empty() || !updated.empty() ||
                      !phones.empty() || !changed_orgs.empty());
  if (!write) {
    if (mode == ImportMode::kAllOrNothing) report.rows_skipped = 0;
    return report;
  }
  for (const auto& org : new_orgs) tx->Registry().InsertPartyOrg(org);
  tx->Registry().BulkInsertPartyMembers(created);
  for (const auto& m : updated) tx->Registry().UpdatePartyMember(m);
  for (const auto& org : changed_orgs) tx->Registry().UpdatePartyOrg(org);
  for (const auto& resident : phones) tx->Registry().UpdateResident(resident);
  RecordAudit(*tx, actor, "party_roster.import", "party_roster", 0, "",
              JsonObjectWriter()
                  .Add("mode", ImportModeCode(mode))
                  .Add("rows", report.rows)
                  .Add("invalid_rows", report.invalid_rows)
                  .Add("orgs_created", report.orgs_created)
                  .Add("members_created", report.members_created)
                  .Add("members_updated", report.members_updated)
                  .Add("leaders_set", report.leaders_set)
                  .Add("phones_updated", report.phones_updated)
                  .Add("rows_skipped", report.rows_skipped)
                  .Finish());
  tx->Commit();
  report.written = true;
  return report;
}

formats::Table PartyRosterService::Export(const Actor& actor) {
  RequirePermission(actor);
  formats::Table table;
  table.header = PartyRosterColumns();
  std::int64_t member_count = 0;
  {
    std::unique_ptr<StoreTx> tx = store_.BeginRead();
    const std::string& scope = actor.user.scope_region_path;
    std::unordered_map<Id, domain::PartyOrg> orgs;
    for (auto& org : tx->Registry().ListPartyOrgsUnder(scope)) orgs.emplace(org.id, org);
    auto org_of = [&](Id id) -> const domain::PartyOrg* {
      auto it = orgs.find(id);
      if (it == orgs.end()) {
        auto found = tx->Registry().FindPartyOrg(id);
        if (!found) return nullptr;
        it = orgs.emplace(id, *found).first;
      }
      return &it->second;
    };
    std::unordered_map<Id, std::string> paths;
    std::set<Id> covered;  // Orgs on the path of an exported member.
    auto path_of = [&](Id id) {
      if (auto it = paths.find(id); it != paths.end()) return it->second;
      std::vector<const domain::PartyOrg*> chain;
      for (const domain::PartyOrg* org = org_of(id); org && chain.size() <= kMaxPathDepth;
           org = org->parent_id ? org_of(*org->parent_id) : nullptr) {
        chain.push_back(org);
      }
      std::string path;
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (!path.empty()) path += "/";
        path += (*it)->name;
      }
      paths.emplace(id, path);
      return path;
    };

    PartyMemberFilter filter;
    filter.region_path_prefix = scope;
    domain::PageRequest page;
    page.limit = kExportPage;
    page.sort = "name";
    for (;;) {
      auto members = tx->Registry().ListPartyMembers(filter, page);
      for (const auto& m : members.items) {
        auto resident = tx->Registry().FindResident(m.resident_id);
        const domain::PartyOrg* org = org_of(m.org_id);
        if (!resident || !org) continue;
        ++member_count;
        for (const domain::PartyOrg* o = org; o && !covered.count(o->id);
             o = o->parent_id ? org_of(*o->parent_id) : nullptr) {
          covered.insert(o->id);
        }
        table.rows.push_back({path_of(m.org_id), resident->name, resident->id_card, m.joined_on,
                              StatusText(m.status), FlagText(m.away), m.away_to,
                              FlagText(m.can_take_households), std::to_string(m.capacity),
                              resident->phone, FlagText(org->leader_member_id == m.id)});
      }
      page.offset += static_cast<std::int64_t>(members.items.size());
      if (members.items.empty() || page.offset >= members.total) break;
    }
    std::vector<Id> bare;
    for (const auto& [id, org] : orgs) {
      if (!covered.count(id) && domain::RegionInScope(actor.user, org.region_path)) {
        bare.push_back(id);
      }
    }
    for (Id id : bare) {
      std::vector<std::string> row(PartyRosterColumns().size());
      row[kPath] = path_of(id);
      table.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(table.rows.begin(), table.rows.end(),
                   [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
                     return std::tie(a[kPath], a[kName]) < std::tie(b[kPath], b[kName]);
                   });
  std::unique_ptr<StoreTx> tx = store_.Begin();
  RecordAudit(*tx, actor, "party_roster.export", "party_roster", 0, "",
              JsonObjectWriter().Add("members", member_count).Finish());
  tx->Commit();
  return table;
}

}  // namespace minqing::app
