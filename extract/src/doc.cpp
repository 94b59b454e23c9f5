#include "doc.hpp"

#include <algorithm>

namespace kg::extract {

Evidence Doc::evidence(Span span, std::string rule, double confidence) const {
  Evidence e;
  e.file_name = source.file_name;
  e.char_start = cp_of_byte[span.begin];
  e.char_end = cp_of_byte[span.end];
  std::size_t b = orig_byte_of_cp[e.char_start];
  std::size_t f = orig_byte_of_cp[e.char_end];
  e.text = original.substr(b, f - b);
  e.rule = std::move(rule);
  e.confidence = confidence;
  return e;
}

std::optional<std::uint32_t> Doc::sentence_at(std::size_t pos) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](std::size_t p, const Sentence& s) { return p < s.span.begin; });
  if (it == sentences.begin()) return std::nullopt;
  --it;
  if (pos >= it->span.end) return std::nullopt;
  return static_cast<std::uint32_t>(it - sentences.begin());
}

}  // namespace kg::extract
