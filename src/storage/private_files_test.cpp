// The SQLite files hold full ID numbers: they are created readable by their owner only, and a
// backup never lands on the live database.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "app/store.hpp"
#include "domain/errors.hpp"

namespace minqing::storage {
namespace {

namespace fs = std::filesystem;

class PrivateFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("minqing-private-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  static fs::perms Mode(const fs::path& path) {
    return fs::status(path).permissions() & fs::perms::mask;
  }

  fs::path dir_;
};

constexpr fs::perms kOwnerOnly = fs::perms::owner_read | fs::perms::owner_write;

TEST_F(PrivateFilesTest, DatabaseFilesAreOwnerOnly) {
  const mode_t old_mask = ::umask(022);  // The usual umask: new files world-readable.
  const fs::path db = dir_ / "county.db";
  {
    auto store = app::OpenStore(db.string());
    auto tx = store->Begin();
    tx->Commit();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      fs::path file = db.string() + suffix;
      ASSERT_TRUE(fs::exists(file)) << file;
      EXPECT_EQ(Mode(file), kOwnerOnly) << file;
    }
  }
  // A database an older version left world-readable is narrowed when opened.
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                          fs::perms::others_read);
  { auto store = app::OpenStore(db.string()); }
  EXPECT_EQ(Mode(db), kOwnerOnly);
  ::umask(old_mask);
}

TEST_F(PrivateFilesTest, BackupRefusesTheLiveDatabase) {
  const fs::path db = dir_ / "county.db";
  auto store = app::OpenStore(db.string());
  const auto size = fs::file_size(db);
  EXPECT_THROW(store->Backup(db.string()), domain::Conflict);
  EXPECT_EQ(fs::file_size(db), size);
}

}  // namespace
}  // namespace minqing::storage
