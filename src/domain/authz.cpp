#include "domain/authz.hpp"

namespace minqing::domain {
namespace {

// Columns: admin, leader (领导/带班领导), centre_staff (窗口), unit_handler (承办),
// village_assistant (村助理), party_member (党员), resident (群众). Leaders read everything in
// scope, supervise, reveal (recorded), read the audit log and export; they do not handle matters or
// log visits. Administrators hold everything but a party member's own duties (they have no
// households).
constexpr bool Y = true;
constexpr bool N = false;

std::vector<PermissionInfo> MakeTable() {
  using P = Permission;
  return {
      {P::kSession, "session", "登录、退出、改本人密码", {Y, Y, Y, Y, Y, Y, Y}},
      {P::kReadRegistry, "registry.read", "查看户籍（群众仅本户）", {Y, Y, Y, N, Y, Y, Y}},
      {P::kBrowseRegistry, "registry.browse", "按区域浏览户籍、统计", {Y, Y, Y, N, Y, Y, N}},
      {P::kWriteRegistry, "registry.write", "登记、修改户和人员", {Y, N, Y, N, Y, N, N}},
      {P::kRevealPersonal,
       "personal.reveal",
       "查看完整证件号、电话（留痕）",
       {Y, Y, Y, N, Y, N, N}},
      {P::kManageRegions, "regions.manage", "新建区划", {Y, N, N, N, N, N, N}},
      {P::kReadParty, "party.read", "查看党组织、党员", {Y, Y, Y, N, Y, Y, N}},
      {P::kManageParty, "party.manage", "维护党组织、党员", {Y, N, N, N, N, N, N}},
      {P::kReadUnits, "units.read", "查看单位名录", {Y, Y, Y, Y, Y, Y, N}},
      {P::kManageUnits, "units.manage", "维护单位及人员", {Y, N, N, N, N, N, N}},
      {P::kManageUsers, "users.manage", "管理账号", {Y, N, N, N, N, N, N}},
      {P::kReadAudit, "audit.read", "查看操作日志", {Y, Y, N, N, N, N, N}},
      {P::kImportExport, "roster.import_export", "花名册导入导出", {Y, N, N, N, N, N, N}},
      {P::kMatterIntake, "matter.intake", "受理诉求（群众仅本户）", {Y, N, Y, N, Y, Y, Y}},
      {P::kMatterRead, "matter.read", "查看诉求（群众仅本户）", {Y, Y, Y, Y, Y, Y, Y}},
      {P::kMatterHandle,
       "matter.handle",
       "承办：签收、退单、答复、办理、附件、转办",
       {Y, N, N, Y, N, N, N}},
      {P::kMatterDispatch,
       "matter.dispatch",
       "派单、转办、合并、当场办结、办理、附件",
       {Y, N, Y, N, Y, N, N}},
      {P::kMatterSupervise, "matter.supervise", "督办", {Y, Y, N, N, N, N, N}},
      {P::kMatterSignOff,
       "matter.sign_off",
       "发送签字验证码、窗口录入验证码",
       {Y, Y, Y, Y, Y, Y, N}},
      {P::kMatterCallback, "matter.callback", "回访", {Y, Y, Y, N, Y, N, N}},
      {P::kMatterConfirmOwn,
       "matter.confirm_own",
       "群众本人：用本户账户确认办结",
       {N, N, N, N, N, N, Y}},
      {P::kMatterExport, "matter.export", "三率、看板、导出", {Y, Y, Y, N, N, N, N}},
      {P::kReadCatalogue, "catalogue.read", "查看分类、派单规则、工作日历", {Y, Y, Y, Y, Y, Y, Y}},
      {P::kManageCatalogue,
       "catalogue.manage",
       "维护分类、派单规则、工作日历、升级",
       {Y, N, N, N, N, N, N}},
      {P::kManageSlots, "slots.manage", "维护预约时段", {Y, N, Y, N, N, N, N}},
      {P::kBookAppointments,
       "appointments.book",
       "预约办事时段（群众仅本户）",
       {Y, N, Y, N, Y, Y, Y}},
      {P::kReadAppointments, "appointments.read", "查看时段的预约名单", {Y, Y, Y, N, N, N, N}},
      {P::kManageAppointments, "appointments.manage", "办结、取消预约", {Y, N, Y, N, Y, N, N}},
      {P::kErrands, "errands.manage", "代办登记、更新", {Y, N, Y, N, Y, N, N}},
      {P::kReadErrands, "errands.read", "查看代办（群众仅本户）", {Y, Y, Y, N, Y, N, Y}},
      {P::kReadNetwork, "network.read", "查看联系网络、覆盖、联系卡", {Y, Y, Y, N, Y, N, N}},
      {P::kManageNetwork, "network.manage", "编排、固定、调整联系网络", {Y, N, Y, N, N, N, N}},
      {P::kNetworkSettings, "network.settings", "联系网络参数", {Y, N, N, N, N, N, N}},
      {P::kMemberDuties,
       "member.duties",
       "党员本人：我的联系户、申请联系、送达、到场",
       {N, N, N, N, N, Y, N}},
      {P::kLogVisits, "visits.log", "写民情日记", {Y, N, Y, N, Y, Y, N}},
      {P::kReadVisits, "visits.read", "查看民情日记、走访进度", {Y, Y, Y, N, Y, Y, N}},
      {P::kReviewVisits, "visits.review", "点评走访", {Y, Y, Y, N, N, N, N}},
      {P::kConfirmOwnVisits,
       "visits.confirm_own",
       "群众本户：查看并确认走访",
       {N, N, N, N, N, N, Y}},
      {P::kManageNotices, "notices.manage", "发布通知、登记户事件", {Y, N, Y, N, Y, N, N}},
      {P::kReadNotices, "notices.read", "查看通知、户事件", {Y, Y, Y, N, Y, Y, N}},
      {P::kSystemSettings,
       "system.settings",
       "系统设置：对外网址、提醒规则",
       {Y, N, N, N, N, N, N}},
      {P::kDevOutbox, "dev.outbox", "开发用短信发件箱", {Y, N, N, N, N, N, N}},
      {P::kSmsOutbox, "sms.outbox", "短信发件箱、短信通道状态、重发", {Y, N, N, N, N, N, N}},
      {P::kReadPostings,
       "postings.read",
       "查看驻村干部、目标责任书（村助理仅本人）",
       {Y, Y, Y, N, Y, N, N}},
      {P::kManagePostings, "postings.manage", "派驻、结束驻村干部", {Y, Y, N, N, N, N, N}},
      {P::kEditAgreements,
       "agreements.edit",
       "起草、修改未签订的目标责任书（村助理仅本人）",
       {Y, Y, N, N, Y, N, N}},
      {P::kSignAgreements, "agreements.sign", "签订目标责任书", {Y, Y, N, N, N, N, N}},
      {P::kManageVotes,
       "votes.manage",
       "述职评议：创建、开始、发放投票码、结束、公布，查看投票人数",
       {Y, Y, N, N, N, N, N}},
      {P::kReadVotes, "votes.read", "查看述职评议（公布前不含票数）", {Y, Y, Y, N, Y, N, N}},
      {P::kReadRatings, "ratings.read", "查看窗口评价及统计", {Y, Y, Y, N, N, N, N}},
      {P::kRatingTablet, "ratings.tablet", "窗口评价器（本人最近一次服务）", {Y, N, Y, N, N, N, N}},
      {P::kReadSuggestions, "suggestions.read", "查看意见箱", {Y, Y, Y, N, N, N, N}},
      {P::kHandleSuggestions,
       "suggestions.handle",
       "处理意见箱（已阅、答复）",
       {Y, Y, N, N, N, N, N}},
      {P::kManageDuty, "duty.manage", "服务中心值班安排、工作牌", {Y, Y, Y, N, N, N, N}},
      {P::kManageGuides, "guides.manage", "编写、发布、打印办事指南", {Y, Y, Y, N, N, N, N}},
      {P::kManageSurveys,
       "surveys.manage",
       "问卷与评议：创建、修改草稿、开始、结束、打印入户问卷码",
       {Y, Y, Y, N, N, N, N}},
      {P::kReadSurveys, "surveys.read", "查看问卷与评议结果", {Y, Y, Y, N, Y, N, N}},
      {P::kRecordSurveys,
       "surveys.record",
       "党员本人：为联系户录入问卷答卷",
       {N, N, N, N, N, Y, N}},
      {P::kReadScorecards,
       "scorecards.read",
       "查看考核记分卡及排名（村助理仅本人）",
       {Y, Y, N, N, Y, N, N}},
      {P::kConfigureScorecards,
       "scorecards.configure",
       "设置全县考核默认权重和目标",
       {Y, N, N, N, N, N, N}},
      {P::kEnterScorecards, "scorecards.enter", "考核人工填报（附说明）", {Y, Y, N, N, N, N, N}},
      {P::kReadProjects, "projects.read", "查看民生项目及进度", {Y, Y, Y, Y, Y, Y, N}},
      {P::kManageProjects,
       "projects.manage",
       "民生项目：创建、联合支部、涉及户、例会、问题台账",
       {Y, Y, N, N, Y, N, N}},
      {P::kRecordProjects,
       "projects.record",
       "民生项目：登记走访意愿、一户一策（项目组成员账号）",
       {Y, Y, Y, Y, Y, Y, N}},
      {P::kReadMeetings, "meetings.read", "查看议事会议及决定落实", {Y, Y, Y, Y, Y, Y, N}},
      {P::kManageMeetings,
       "meetings.manage",
       "记录议事会议、参会人员、纪要、决定，决定转为诉求",
       {Y, Y, Y, N, Y, N, N}},
      {P::kCompleteDecisions,
       "decisions.complete",
       "本人（本单位）负责的决定：查看、标记完成",
       {Y, Y, Y, Y, Y, Y, N}},
      {P::kReadPairing,
       "pairing.read",
       "查看结对共建（单位经办人仅本单位）",
       {Y, Y, Y, Y, Y, N, N}},
      {P::kManagePairing,
       "pairing.manage",
       "结对共建：建立结对、登记需求和资源、对接",
       {Y, Y, Y, N, N, N, N}},
      {P::kReadAway,
       "away.read",
       "查看流动党员、联系记录、网上学习及参学情况",
       {Y, Y, Y, N, Y, N, N}},
      {P::kManageAway,
       "away.manage",
       "登记与流动党员的联系、发布网上学习、登记补学",
       {Y, N, Y, N, Y, N, N}},
      {P::kStudyAttend,
       "study.attend",
       "党员本人参加网上学习（只能为自己签到）",
       {N, N, N, N, N, Y, N}},
      {P::kReadVolunteers,
       "volunteers.read",
       "查看志愿服务队、活动和时长（队长管理本队）",
       {Y, Y, Y, N, Y, Y, N}},
      {P::kManageVolunteers,
       "volunteers.manage",
       "志愿服务：建队、活动、报名、签到、时长调整",
       {Y, Y, Y, N, Y, N, N}},
      {P::kJoinVolunteers,
       "volunteers.join",
       "本人志愿服务：报名活动、查看时长和证明",
       {N, N, N, N, N, Y, Y}},
      {P::kReadProviders,
       "providers.read",
       "查看服务商及其评价（单位经办人仅本单位）",
       {Y, Y, Y, Y, N, N, N}},
      {P::kManageProviders,
       "providers.manage",
       "服务商：登记、修改、暂停、恢复，设置考核标准",
       {Y, Y, N, N, N, N, N}},
      {P::kMatterExcludeApprove,
       "matter.exclude_approve",
       "审批诉求办结类型（挂账、不属实、不属于受理范围），核减考核",
       {Y, Y, N, N, N, N, N}},
      {P::kManageMonthlyReports,
       "reports.manage",
       "月度通报：设置排名权重和门槛，生成或重新生成",
       {Y, N, N, N, N, N, N}},
      {P::kManageOpen311Keys,
       "open311.manage_keys",
       "Open311 接口密钥：创建、查看、吊销",
       {Y, N, N, N, N, N, N}},
  };
}

int RoleIndex(Role role) { return static_cast<int>(role) - 1; }

}  // namespace

const std::vector<PermissionInfo>& Permissions() {
  static const std::vector<PermissionInfo> table = MakeTable();
  return table;
}

const PermissionInfo& InfoOf(Permission permission) {
  return Permissions().at(static_cast<std::size_t>(permission));
}

std::optional<Permission> ParsePermission(std::string_view name) {
  for (const auto& info : Permissions()) {
    if (info.name == name) return info.permission;
  }
  return std::nullopt;
}

const std::array<Role, 7>& AllRoles() {
  static constexpr std::array<Role, 7> kRoles = {
      Role::kAdmin,       Role::kLeader,           Role::kCentreStaff,
      Role::kUnitHandler, Role::kVillageAssistant, Role::kPartyMember,
      Role::kResident};
  return kRoles;
}

bool RoleHas(Role role, Permission p) {
  int index = RoleIndex(role);
  if (index < 0 || index >= 7) return false;
  return InfoOf(p).roles[static_cast<std::size_t>(index)];
}

std::vector<std::string_view> PermissionNames(Role role) {
  std::vector<std::string_view> names;
  for (const auto& info : Permissions()) {
    if (RoleHas(role, info.permission)) names.push_back(info.name);
  }
  return names;
}

bool RegionInScope(const User& user, std::string_view region_path) {
  if (user.role == Role::kAdmin && user.scope_region_path.empty()) return true;
  if (user.scope_region_path.empty()) return user.role != Role::kResident;
  return region_path.substr(0, user.scope_region_path.size()) == user.scope_region_path;
}

bool MayAccessHousehold(const User& user, Permission permission, std::string_view region_path,
                        std::optional<Id> own_household_id, Id household_id) {
  if (!RoleHas(user.role, permission)) return false;
  if (user.role == Role::kResident) {
    return permission == Permission::kReadRegistry && own_household_id == household_id;
  }
  return RegionInScope(user, region_path);
}

}  // namespace minqing::domain
