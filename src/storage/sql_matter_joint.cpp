// SqlMatterRepository: assisting units (matter_assists) and disputes (matter_disputes), see
// domain/matter_joint.hpp.
#include <utility>

#include "storage/sql_helpers.hpp"
#include "storage/sql_matter_repository.hpp"

namespace minqing::storage {
namespace {

using domain::Id;

domain::MatterAssist ReadAssist(const Row& row) {
  domain::MatterAssist a;
  a.matter_id = row.GetInt64(0);
  a.unit_id = row.GetInt64(1);
  a.unit_name = row.GetText(2);
  a.status = static_cast<domain::AssistStatus>(row.GetInt64(3));
  a.added_by = row.GetOptionalInt64(4);
  a.added_at = row.GetInt64(5);
  a.accepted_at = row.GetOptionalInt64(6);
  a.accepted_by = row.GetOptionalInt64(7);
  a.reported_at = row.GetOptionalInt64(8);
  a.reported_by = row.GetOptionalInt64(9);
  a.report = row.GetText(10);
  return a;
}

domain::MatterDispute ReadDispute(const Row& row) {
  domain::MatterDispute d;
  d.id = row.GetInt64(0);
  d.matter_id = row.GetInt64(1);
  d.unit_id = row.GetInt64(2);
  d.unit_name = row.GetText(3);
  d.raised_by = row.GetInt64(4);
  d.raised_at = row.GetInt64(5);
  d.reason_code = row.GetText(6);
  d.reason = row.GetText(7);
  d.decided_by = row.GetOptionalInt64(8);
  d.decided_at = row.GetOptionalInt64(9);
  d.decided_unit_id = row.GetOptionalInt64(10);
  d.decided_unit_name = row.GetText(11);
  d.decision = row.GetText(12);
  d.matter_number = row.GetText(13);
  d.matter_title = row.GetText(14);
  return d;
}

Params DisputeParams(const domain::MatterDispute& d) {
  return {d.id,
          d.matter_id,
          d.unit_id,
          d.raised_by,
          d.raised_at,
          d.reason_code,
          d.reason,
          OptionalValue(d.decided_by),
          OptionalValue(d.decided_at),
          OptionalValue(d.decided_unit_id),
          d.decision};
}

}  // namespace

void SqlMatterRepository::UpsertAssist(const domain::MatterAssist& a) {
  Exec(sql::matter_assist_upsert,
       {a.matter_id, a.unit_id, static_cast<std::int64_t>(a.status), OptionalValue(a.added_by),
        a.added_at, OptionalValue(a.accepted_at), OptionalValue(a.accepted_by),
        OptionalValue(a.reported_at), OptionalValue(a.reported_by), a.report});
}

void SqlMatterRepository::DeleteAssist(Id matter_id, Id unit_id) {
  RequireOneRow(Exec(sql::matter_assist_delete, {matter_id, unit_id}), "matter.assist_not_found",
                "该单位不是协办单位");
}

std::vector<domain::MatterAssist> SqlMatterRepository::ListAssists(Id matter_id) {
  return ReadAll<domain::MatterAssist>(conn_.Query(Sql(sql::matter_assist_select), {matter_id}),
                                       ReadAssist);
}

void SqlMatterRepository::InsertDispute(const domain::MatterDispute& dispute) {
  RenameConflict([&] { Exec(sql::matter_dispute_insert, DisputeParams(dispute)); },
                 "dispute.exists", "争议已存在");
}

void SqlMatterRepository::UpdateDispute(const domain::MatterDispute& dispute) {
  RequireOneRow(Exec(sql::matter_dispute_update, DisputeParams(dispute)), "dispute.not_found",
                "争议不存在");
}

std::optional<domain::MatterDispute> SqlMatterRepository::FindDispute(Id id) {
  return First<domain::MatterDispute>(Select(sql::matter_dispute_select, " WHERE d.id = $1", {id}),
                                      ReadDispute);
}

std::vector<domain::MatterDispute> SqlMatterRepository::ListDisputes(Id matter_id) {
  return ReadAll<domain::MatterDispute>(
      Select(sql::matter_dispute_select, " WHERE d.matter_id = $1 ORDER BY d.raised_at, d.id",
             {matter_id}),
      ReadDispute);
}

domain::Page<domain::MatterDispute> SqlMatterRepository::ListPendingDisputes(
    std::string_view region_path_prefix, const domain::PageRequest& page) {
  QueryBuilder b;
  b.Where("d.decided_at IS NULL");
  if (!region_path_prefix.empty()) {
    b.Where("m.region_path LIKE " + b.Param(PathPrefixPattern(region_path_prefix)));
  }
  return ListPage<domain::MatterDispute>(conn_, sql::matter_dispute_select,
                                         sql::matter_dispute_count, b, "d.raised_at, d.id", page,
                                         ReadDispute);
}

}  // namespace minqing::storage
