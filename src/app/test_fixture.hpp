// A real SQLite store in a temporary directory with a small county: two villages (A, B) in one
// township, one household in each, and users of several roles. For app/ tests only.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "app/services.hpp"
#include "domain/id_card.hpp"

namespace minqing::app::testing {

class RegistryFixture : public ::testing::Test {
 protected:
  static constexpr domain::Epoch kNow = 1780000000;

  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("minqing-app-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    services_ = std::make_unique<Services>(OpenStore((dir_ / "test.db").string()));
    admin_ = SystemActor(kNow, domain::Channel::kApi);
    county_ = Region(std::nullopt, "county", "131124000000", "饶阳县");
    township_ = Region(county_.id, "township", "131124100000", "饶阳镇");
    village_a_ = Region(township_.id, "village", "131124100001", "东关村");
    village_b_ = Region(township_.id, "village", "131124100002", "西关村");
    household_a_ = Household(village_a_.id, "东关村1号", "王景云",
                             domain::MakeIdCard("131124", "19700101", 11));
    household_b_ = Household(village_b_.id, "西关村2号", "李秀英",
                             domain::MakeIdCard("131124", "19800202", 22));
    assistant_ = UserActor("assistant_a", "village_assistant", village_a_.id);
  }

  void TearDown() override {
    services_.reset();
    std::filesystem::remove_all(dir_);
  }

  domain::Region Region(std::optional<domain::Id> parent, const char* level, const char* code,
                        const char* name) {
    RegionInput input;
    input.parent_id = parent;
    input.level = level;
    input.code = code;
    input.name = name;
    return services_->registry.CreateRegion(admin_, input);
  }

  domain::Household Household(domain::Id region_id, const char* address, const char* head,
                              const std::string& id_card) {
    HouseholdInput input;
    input.region_id = region_id;
    input.address = address;
    input.tags = {"低保"};
    ResidentInput member;
    member.name = head;
    member.id_card = id_card;
    member.phone = "13812345678";
    member.relation = "户主";
    return services_->registry.CreateHousehold(admin_, input, {member});
  }

  // A party org in village A: a branch, or a group under `parent_id`.
  domain::PartyOrg PartyOrgInA(const char* kind, const char* name,
                               std::optional<domain::Id> parent_id = std::nullopt) {
    PartyOrgInput input;
    input.parent_id = parent_id;
    input.kind = kind;
    input.name = name;
    input.region_id = village_a_.id;
    return services_->registry.CreatePartyOrg(admin_, input);
  }

  // Household A's head as a party member of `org_id` (for CreatePartyMember).
  PartyMemberInput HeadOfAAsMember(domain::Id org_id, const char* status) {
    PartyMemberInput input;
    input.resident_id = services_->registry.GetHousehold(admin_, household_a_.id).members[0].id;
    input.org_id = org_id;
    input.status = status;
    return input;
  }

  Actor UserActor(const std::string& username, const std::string& role,
                  std::optional<domain::Id> scope_region,
                  std::optional<domain::Id> resident_id = std::nullopt,
                  std::optional<domain::Id> unit_id = std::nullopt) {
    UserInput input;
    input.username = username;
    input.role = role;
    input.password = "password-" + username;
    input.scope_region_id = scope_region;
    input.resident_id = resident_id;
    input.scope_unit_id = unit_id;
    Actor actor;
    actor.user = services_->auth.CreateUser(admin_, input);
    actor.now = kNow;
    actor.channel = domain::Channel::kWeb;
    return actor;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Services> services_;
  Actor admin_;
  Actor assistant_;
  domain::Region county_, township_, village_a_, village_b_;
  domain::Household household_a_, household_b_;
};

}  // namespace minqing::app::testing
