#include "domain/public_url.hpp"

#include <gtest/gtest.h>

namespace minqing::domain {
namespace {

TEST(PublicUrlTest, NormalisesSchemeHostAndTrailingSlash) {
  EXPECT_EQ(CheckPublicUrl(" HTTPS://MinQing.Example.gov.cn/ ").url,
            "https://minqing.example.gov.cn");
  EXPECT_EQ(CheckPublicUrl("http://10.0.0.5:8080").url, "http://10.0.0.5:8080");
  EXPECT_EQ(CheckPublicUrl("https://[2001:db8::1]:8443").url, "https://[2001:db8::1]:8443");
  EXPECT_EQ(CheckPublicUrl("https://xn--fiqs8s.example.cn").url, "https://xn--fiqs8s.example.cn");
}

TEST(PublicUrlTest, RefusesWhatIsNotABase) {
  for (const char* bad :
       {"", "minqing.example.gov.cn", "ftp://example.cn", "https://", "https://example.cn/minqing",
        "https://example.cn?x=1", "https://example.cn/#top", "https://user:pw@example.cn",
        "https://exa mple.cn", "https://example.cn:0", "https://example.cn:70000",
        "https://example.cn:", "https://-bad-.cn", "https://300.1.1.1", "https://民情.中国",
        "https://[::1", "javascript:alert(1)"}) {
    PublicUrlCheck check = CheckPublicUrl(bad);
    EXPECT_FALSE(check.ok()) << bad;
    EXPECT_TRUE(check.url.empty()) << bad;
  }
  EXPECT_NE(CheckPublicUrl("https://example.cn/minqing").problem.find("路径"), std::string::npos);
}

TEST(PublicUrlTest, LoopbackBasesAreRecognised) {
  for (const char* loopback : {"http://127.0.0.1:8080", "http://localhost", "http://a.localhost",
                               "http://[::1]:80", "http://0.0.0.0:8080", "http://127.1.2.3"}) {
    EXPECT_TRUE(IsLoopbackPublicUrl(loopback)) << loopback;
  }
  for (const char* reachable : {"https://minqing.example.gov.cn", "http://10.0.0.5:8080",
                                "http://[2001:db8::1]", "https://127example.cn"}) {
    EXPECT_FALSE(IsLoopbackPublicUrl(reachable)) << reachable;
  }
}

}  // namespace
}  // namespace minqing::domain
