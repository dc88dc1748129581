// The four spreadsheet import routes (residents' roster, party roster, accounts, region tree) read
// an upload through one helper (http/sheet_upload) and keep the codes each had: a bad mode names
// its own detail code, bad base64 and a file that is neither .xlsx nor .csv are refused alike,
// and which refusal wins when an upload is wrong twice stays as it was per route.
#include <gtest/gtest.h>

#include <string>

#include "http/matter_json.hpp"
#include "http/test_client.hpp"
#include "http/test_server.hpp"

namespace minqing::http {
namespace {

using testing::ExpectProblem;
using testing::HttpResult;

class SheetUploadHttpTest : public testing::ServerTest {
 protected:
  SheetUploadHttpTest() : ServerTest("minqing-sheet-upload-") {}

  void SetUp() override {
    ServerTest::SetUp();
    AddUser("admin1", "admin");
    StartServer();
    admin_ = LoginAs("admin1");
  }

  HttpResult Upload(const std::string& path, const std::string& file_name,
                    const std::string& data_base64, const std::string& mode) {
    nlohmann::json body = {{"file_name", file_name}, {"data_base64", data_base64}};
    if (!mode.empty()) body["mode"] = mode;
    return SendAs("POST", path, admin_, body.dump());
  }

  // The detail code of the first field problem of an error answer.
  static std::string DetailCode(const HttpResult& result) {
    return result.Json().value(nlohmann::json::json_pointer("/error/details/0/code"), "");
  }

  std::string admin_;
};

TEST_F(SheetUploadHttpTest, ABadModeNamesEachRoutesOwnCode) {
  const std::string csv = EncodeBase64("a,b\r\n1,2\r\n");
  for (const auto& [path, code] :
       {std::pair{"/api/v1/roster/import", "roster.bad_mode"},
        std::pair{"/api/v1/users/import", "roster.bad_mode"},
        std::pair{"/api/v1/party/roster/import", "party_roster.bad_mode"}}) {
    HttpResult r = Upload(path, "sheet.csv", csv, "later");
    ExpectProblem(r, 400, "request.bad_param");
    EXPECT_EQ(DetailCode(r), code) << path;
  }
}

TEST_F(SheetUploadHttpTest, BadBase64AndAWrongExtensionAreRefusedAlike) {
  for (const char* path : {"/api/v1/roster/import", "/api/v1/users/import",
                           "/api/v1/party/roster/import", "/api/v1/regions/import"}) {
    ExpectProblem(Upload(path, "sheet.csv", "***", "dry_run"), 400, "file.bad_base64");
    ExpectProblem(Upload(path, "sheet.pdf", EncodeBase64("%PDF"), "dry_run"), 400, "file.format");
  }
}

TEST_F(SheetUploadHttpTest, WhichRefusalWinsStaysAsItWasPerRoute) {
  // The accounts and party roster routes check the mode before the file; the residents' roster
  // decodes the file first (its progress shows "failed" for either).
  for (const char* path : {"/api/v1/users/import", "/api/v1/party/roster/import"}) {
    ExpectProblem(Upload(path, "sheet.csv", "***", "later"), 400, "request.bad_param");
  }
  ExpectProblem(Upload("/api/v1/roster/import", "sheet.csv", "***", "later"), 400,
                "file.bad_base64");
  // Bad base64 is found before the extension everywhere.
  for (const char* path : {"/api/v1/roster/import", "/api/v1/users/import",
                           "/api/v1/party/roster/import", "/api/v1/regions/import"}) {
    ExpectProblem(Upload(path, "sheet.pdf", "***", ""), 400, "file.bad_base64");
  }
}

}  // namespace
}  // namespace minqing::http
