#include "app/vote_slips_pdf.hpp"

#include "app/qr_slips_pdf.hpp"

namespace minqing::app {

std::string RenderVoteSlipsPdf(const VoteSlipHeader& header, const std::vector<VoteSlip>& slips) {
  const std::vector<SlipLine> head = {
      {header.title, 11.5, true, 3},
      {header.village + "  被评议人：" + header.assessed_name, 9.5, false, 2},
      {"投票时间：" + header.period, 8.5, false, 6}};
  std::vector<QrSlip> sheet_slips;
  sheet_slips.reserve(slips.size());
  for (const auto& slip : slips) {
    sheet_slips.push_back(
        {head,
         {{"投票码", 9, true, 1},
          {slip.code, 15, true, 4},
          {"手机扫码，阅读述职报告后选择：满意 / 基本满意 / 不满意。", 8.5, false, 2},
          {"本票不记名，一码只能投一次，请勿转交他人。", 8.5, false, 0}},
         slip.url});
  }
  return RenderQrSlipSheet({"述职评议投票码", 0.7, 0.1, 0.1, "vote.slips_failed", "评议票生成失败"},
                           sheet_slips);
}

}  // namespace minqing::app
