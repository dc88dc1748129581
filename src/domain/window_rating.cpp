#include "domain/window_rating.hpp"

#include "domain/text.hpp"

namespace minqing::domain {

std::string_view WindowServiceKindCode(WindowServiceKind kind) {
  switch (kind) {
    case WindowServiceKind::kIntake:
      return "intake";
    case WindowServiceKind::kOnTheSpot:
      return "on_the_spot";
    case WindowServiceKind::kAppointment:
      return "appointment";
  }
  return "intake";
}

std::optional<WindowServiceKind> ParseWindowServiceKind(std::string_view code) {
  for (auto kind : {WindowServiceKind::kIntake, WindowServiceKind::kOnTheSpot,
                    WindowServiceKind::kAppointment}) {
    if (WindowServiceKindCode(kind) == code) return kind;
  }
  return std::nullopt;
}

std::string_view WindowServiceKindLabel(WindowServiceKind kind) {
  switch (kind) {
    case WindowServiceKind::kIntake:
      return "窗口受理";
    case WindowServiceKind::kOnTheSpot:
      return "当场答复";
    case WindowServiceKind::kAppointment:
      return "预约办理";
  }
  return "窗口受理";
}

WindowServiceKind MatterServiceKind(MatterType type, Epoch accepted_at,
                                    std::optional<Epoch> closed_at) {
  if (type == MatterType::kConsultation && closed_at &&
      *closed_at - accepted_at <= kOnTheSpotSeconds) {
    return WindowServiceKind::kOnTheSpot;
  }
  return WindowServiceKind::kIntake;
}

std::vector<FieldProblem> CheckRating(std::int64_t stars, std::string_view comment) {
  std::vector<FieldProblem> problems;
  if (stars < 1 || stars > 5) {
    problems.push_back({"stars", "rating.bad_stars", "请选择 1 到 5 颗星"});
  }
  if (Utf8Length(comment) > kRatingCommentMaxChars) {
    problems.push_back({"comment", "rating.comment_too_long", "评价内容不能超过 300 字"});
  }
  return problems;
}

std::vector<FieldProblem> CheckSuggestion(std::string_view content, std::string_view contact) {
  std::vector<FieldProblem> problems;
  std::size_t length = Utf8Length(TrimWide(content));
  if (length < 5) {
    problems.push_back({"content", "suggestion.too_short", "请至少写 5 个字"});
  } else if (length > kSuggestionMaxChars) {
    problems.push_back({"content", "suggestion.too_long", "意见不能超过 1000 字"});
  }
  if (Utf8Length(contact) > kSuggestionContactMaxChars) {
    problems.push_back({"contact", "suggestion.contact_too_long", "联系方式不能超过 60 字"});
  }
  return problems;
}

double RatingFigures::Average() const {
  return count == 0 ? 0.0 : static_cast<double>(stars_sum) / static_cast<double>(count);
}

double RatingFigures::LowShare() const {
  return count == 0 ? 0.0 : static_cast<double>(low_count) / static_cast<double>(count);
}

void RatingFigures::Add(int stars) {
  ++count;
  stars_sum += stars;
  if (IsLowRating(stars)) ++low_count;
}

}  // namespace minqing::domain
