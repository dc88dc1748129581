#include "messaging/signing.hpp"

#include <gtest/gtest.h>

namespace minqing::messaging {
namespace {

TEST(Hashing, Sha256AndHmacMatchPublishedVectors) {
  // FIPS 180-2 "abc" and the empty string.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test cases 1 and 2; case 6 has a 131-byte key, longer than the block.
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(131, '\xaa'),
                                 "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Encoding, PercentEncodingIsRfc3986) {
  EXPECT_EQ(PercentEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(PercentEncode(" *+/:=&{}\""), "%20%2A%2B%2F%3A%3D%26%7B%7D%22");
  EXPECT_EQ(PercentEncode("民情"), "%E6%B0%91%E6%83%85");
  EXPECT_EQ(PercentDecode("%E6%B0%91%E6%83%85%20a+b"), "民情 a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(Encoding, UtcTimes) {
  // 1551113065 is 2019-02-26 00:44:25 in Beijing but still the 25th in UTC.
  EXPECT_EQ(UtcDate(1551113065), "2019-02-25");
  EXPECT_EQ(UtcIsoTime(1698315752), "2023-10-26T10:22:32Z");
  EXPECT_EQ(UtcIsoTime(0), "1970-01-01T00:00:00Z");
}

TEST(Encoding, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_EQ(RandomHex(16).size(), 32u);
  EXPECT_NE(RandomHex(16), RandomHex(16));
}

// The worked example of Tencent Cloud's "Signature v3" documentation (CVM DescribeInstances,
// SecretKey Gu5t9xGARNpq86cd98joQYCN3EXAMPLE, timestamp 1551113065): every intermediate value
// the document prints.
TEST(Tc3Signature, MatchesTencentCloudsWorkedExample) {
  Tc3Input input;
  input.headers = {{"Content-Type", "application/json; charset=utf-8"},
                   {"Host", "cvm.tencentcloudapi.com"}};
  input.payload =
      R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";
  input.timestamp = 1551113065;
  input.service = "cvm";
  const Tc3Signature signature = SignTc3(input, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE");
  EXPECT_EQ(Sha256Hex(input.payload),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(signature.canonical_request,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
            "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(signature.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
  EXPECT_EQ(signature.signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  EXPECT_EQ(Tc3Authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", signature),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/"
            "tc3_request, SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

// The derived-key chain written out step by step from the documented algorithm, independently of
// SignTc3's own code path, on another request (header order and case shuffled on purpose).
TEST(Tc3Signature, EqualsTheAlgorithmComputedStepByStep) {
  Tc3Input input;
  input.headers = {{"X-TC-Action", "SendSms"},
                   {"host", "sms.tencentcloudapi.com"},
                   {"content-type", "application/json; charset=utf-8"}};
  input.payload = R"({"PhoneNumberSet":["+8613800000000"]})";
  input.timestamp = 1767225600;  // 2026-01-01T00:00:00Z.
  input.service = "sms";
  const std::string key = "secret-key";
  const Tc3Signature signature = SignTc3(input, key);

  const std::string canonical =
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:sms.tencentcloudapi.com\n"
      "x-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n" +
      Sha256Hex(input.payload);
  const std::string to_sign =
      "TC3-HMAC-SHA256\n1767225600\n2026-01-01/sms/tc3_request\n" + Sha256Hex(canonical);
  const std::string k_date = HmacSha256("TC3secret-key", "2026-01-01");
  const std::string k_service = HmacSha256(k_date, "sms");
  const std::string k_signing = HmacSha256(k_service, "tc3_request");
  EXPECT_EQ(signature.canonical_request, canonical);
  EXPECT_EQ(signature.string_to_sign, to_sign);
  EXPECT_EQ(signature.signature, HexEncode(HmacSha256(k_signing, to_sign)));
  // Fixed vector, computed outside this code base (Python's hmac and hashlib).
  EXPECT_EQ(signature.signature,
            "7a3614875f1ed0a5c42dde1f56336502cfb1949ca435847d2817419e3baff62e");
}

// The example of Alibaba Cloud's "V3 request body & signature" documentation (ECS RunInstances,
// AccessKey secret YourAccessKeySecret, 2023-10-26T10:22:32Z).
TEST(Acs3Signature, MatchesAlibabaCloudsExample) {
  Acs3Input input;
  input.query = {{"RegionId", "cn-shanghai"},
                 {"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}};
  input.hashed_payload = Sha256Hex("");
  input.headers = {{"host", "ecs.cn-shanghai.aliyuncs.com"},
                   {"x-acs-action", "RunInstances"},
                   {"x-acs-version", "2014-05-26"},
                   {"x-acs-date", "2023-10-26T10:22:32Z"},
                   {"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
                   {"x-acs-content-sha256", input.hashed_payload}};
  const Acs3Signature signature = SignAcs3(input, "YourAccessKeySecret");
  EXPECT_EQ(signature.canonical_request,
            "POST\n/\n"
            "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
            "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
            "x-acs-content-sha256:"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-acs-date:2023-10-26T10:22:32Z\n"
            "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n"
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;"
            "x-acs-version\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(signature.string_to_sign,
            "ACS3-HMAC-SHA256\n" + Sha256Hex(signature.canonical_request));
  EXPECT_EQ(signature.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  EXPECT_EQ(Acs3Authorization("YourAccessKeyId", signature),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
            "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
            "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
}

// Chinese, spaces, JSON punctuation and '*' in the query, encoded the way ACS3 requires.
TEST(Acs3Signature, EncodesTheQueryCanonically) {
  EXPECT_EQ(Acs3CanonicalQuery({{"b", "x y*"}, {"a", "{\"k\":\"民\"}"}, {"a", ""}}),
            "a=&a=%7B%22k%22%3A%22%E6%B0%91%22%7D&b=x%20y%2A");
  Acs3Input input;
  input.query = {{"SignName", "民情"}, {"PhoneNumbers", "13800000000"}};
  input.hashed_payload = Sha256Hex("");
  input.headers = {{"host", "dysmsapi.aliyuncs.com"}, {"x-acs-date", "2026-01-01T00:00:00Z"}};
  const std::string key = "secret";
  const Acs3Signature signature = SignAcs3(input, key);
  const std::string canonical =
      "POST\n/\nPhoneNumbers=13800000000&SignName=%E6%B0%91%E6%83%85\n"
      "host:dysmsapi.aliyuncs.com\nx-acs-date:2026-01-01T00:00:00Z\n\nhost;x-acs-date\n" +
      Sha256Hex("");
  EXPECT_EQ(signature.canonical_request, canonical);
  EXPECT_EQ(signature.signature,
            HexEncode(HmacSha256(key, "ACS3-HMAC-SHA256\n" + Sha256Hex(canonical))));
  // Fixed vector, computed outside this code base (Python's hmac and hashlib).
  EXPECT_EQ(signature.signature,
            "695febb45da24c215ab6291071e5776183b581edb17b406cfd92b78fed084250");
}

}  // namespace
}  // namespace minqing::messaging
