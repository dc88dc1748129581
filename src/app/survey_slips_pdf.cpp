#include "app/survey_slips_pdf.hpp"

#include "app/qr_slips_pdf.hpp"

namespace minqing::app {

std::string RenderSurveySlipsPdf(const SurveySlipHeader& header,
                                 const std::vector<SurveySlip>& slips) {
  const std::vector<SlipLine> head = {{header.title, 11.5, true, 3},
                                      {header.subject, 9.5, false, 2},
                                      {"答卷时间：" + header.period, 8.5, false, 6}};
  std::vector<QrSlip> sheet_slips;
  sheet_slips.reserve(slips.size());
  for (const auto& slip : slips) {
    sheet_slips.push_back({head,
                           {{"本户专用", 9, true, 1},
                            {slip.household, 9, false, 4},
                            {"手机扫码即可答卷，每户只能答一次。", 8.5, false, 2},
                            {"答卷只按村统计，不记录是哪一户的回答。", 8.5, false, 0}},
                           slip.url});
  }
  return RenderQrSlipSheet({"入户问卷码", 0.1, 0.35, 0.65, "survey.slips_failed", "问卷码生成失败"},
                           sheet_slips);
}

}  // namespace minqing::app
