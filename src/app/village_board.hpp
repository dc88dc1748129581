// The village board (公开栏) as one public whole: the network's board (party groups with their
// leaders and member → household lists, the notices in force, the answered matters without
// personal data, the station's hours: NetworkService::Board), the current assistant with the
// signed agreement of the year (PostingService::Public), the service guides that apply in the
// village (ServiceInfoService::PublicGuides) and the last published vote result
// (VoteService::PublishedResults); and its printable A3 poster (PDF) with a QR code to the
// board's public page.
//
// No login: everything here is what the public page shows, nothing more. region.not_found for an
// id that is no village.
// Thread-safety: safe to share between threads (it holds references to thread-safe services;
// PDF drawing is serialised by PdfDocument).
#pragma once

#include <optional>
#include <string>

#include "app/network_service.hpp"
#include "app/posting_service.hpp"
#include "app/public_links.hpp"
#include "app/service_info/service_info.hpp"
#include "app/votes.hpp"

namespace minqing::app {

struct VillageBoard {
  Id village_id = 0;
  PublicBoard board;
  PublicAssistant assistant;
  PublicGuideList guides;
  std::optional<PublicVote> last_vote;  // Published only.
  std::string public_url;               // <base>/board/<village id>
};

// The poster's text blocks, in order (a test reads them; RenderVillageBoardPdf draws them).
struct BoardBlock {
  enum class Style { kSection, kHeading, kBody, kEmpty };
  Style style = Style::kBody;
  std::string text;
};
std::vector<BoardBlock> VillageBoardBlocks(const VillageBoard& board);
// A3 portrait, three columns, as many pages as the blocks need.
std::string RenderVillageBoardPdf(const VillageBoard& board);

class VillageBoardService {
 public:
  VillageBoardService(NetworkService& network, PostingService& postings,
                      ServiceInfoService& service_info, VoteService& votes,
                      const PublicLinks& links)
      : network_(network),
        postings_(postings),
        service_info_(service_info),
        votes_(votes),
        links_(links) {}

  VillageBoard Read(Id village_id, domain::Epoch now);
  std::string Pdf(Id village_id, domain::Epoch now) {
    return RenderVillageBoardPdf(Read(village_id, now));
  }

 private:
  NetworkService& network_;
  PostingService& postings_;
  ServiceInfoService& service_info_;
  VoteService& votes_;
  const PublicLinks& links_;
};

}  // namespace minqing::app
