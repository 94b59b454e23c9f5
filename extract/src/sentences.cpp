// kg.sentencizer.v1 and kg.tokenizer.v1.
// Sentences never cross block (line) boundaries; inside a block a sentence ends at
// . ! ? (plus closing quotes/brackets) followed by space and an upper-case letter,
// digit or opening quote, unless the word before the dot is a known abbreviation.
#include <unordered_set>

#include "pipeline.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

const std::unordered_set<std::string>& abbreviations() {
  static const std::unordered_set<std::string> k{
      "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "jr", "sr", "gen", "col", "lt", "capt",
      "sgt", "maj", "adm", "gov", "sen", "rep", "rev", "fr", "vs", "etc", "e.g", "i.e", "cf", "al",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art",
      "vol", "p", "pp", "ed", "eds", "fig", "ca", "approx", "inc", "ltd", "co", "corp", "dept",
      "u.s", "u.k", "u.n", "s", "n", "mt", "ft"};
  return k;
}

bool closing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == '*';
}

class Sentencizer final : public Component {
 public:
  std::string name() const override { return "kg.sentencizer.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.blocks"}; }
  std::vector<std::string> assigns() const override { return {"doc.sentences"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    doc.sentences.clear();
    for (std::uint32_t bi = 0; bi < doc.blocks.size(); ++bi) {
      const Block& blk = doc.blocks[bi];
      if (blk.chrome) continue;
      std::string_view s = doc.view(blk.span);
      std::size_t start = 0;
      std::size_t i = 0;
      while (i < s.size()) {
        std::size_t at = i;
        char32_t c = text::next_cp(s, i);
        if (c != '.' && c != '!' && c != '?') continue;
        std::size_t end = i;
        while (end < s.size() && closing(text::cp_at(s, end))) text::next_cp(s, end);
        if (end >= s.size()) break;
        if (!text::is_space(text::cp_at(s, end))) continue;
        std::size_t nxt = end;
        while (nxt < s.size() && text::is_space(text::cp_at(s, nxt))) text::next_cp(s, nxt);
        if (nxt >= s.size()) break;
        char32_t n = text::cp_at(s, nxt);
        bool starts = text::is_upper(n) || text::is_digit(n) || n == '"' || n == 0x201C || n == '(' || n == '[';
        if (!starts) continue;
        if (c == '.') {
          // The word before the dot.
          std::size_t w = at;
          while (w > start) {
            char32_t p = text::cp_before(s, w);
            if (!(text::is_alpha(p) || p == '.')) break;
            std::size_t k = w - 1;
            while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
            w = k;
          }
          std::string word = text::fold(s.substr(w, at - w));
          if (abbreviations().count(word)) continue;
          // Single capital initial ("Peter S. Kim").
          if (at - w == 1 && text::is_upper(text::cp_at(s, w))) continue;
        }
        add(doc, bi, blk.span.begin + start, blk.span.begin + end);
        start = nxt;
        i = nxt;
      }
      if (start < s.size()) add(doc, bi, blk.span.begin + start, blk.span.end);
    }
    doc.stats.sentences = doc.sentences.size();
    return {};
  }

 private:
  static void add(Doc& doc, std::uint32_t block, std::size_t b, std::size_t e) {
    std::string_view v = text::trim(std::string_view(doc.text).substr(b, e - b));
    if (v.empty()) return;
    std::size_t off = static_cast<std::size_t>(v.data() - doc.text.data());
    Sentence s;
    s.span = Span{off, off + v.size()};
    s.block = block;
    doc.sentences.push_back(s);
  }
};

class Tokenizer final : public Component {
 public:
  std::string name() const override { return "kg.tokenizer.v1"; }
  std::vector<std::string> requires_() const override { return {"doc.sentences"}; }
  std::vector<std::string> assigns() const override { return {"doc.tokens"}; }

  Result<void> process(Doc& doc, const Diagnostics&) const override {
    doc.tokens.clear();
    for (std::uint32_t si = 0; si < doc.sentences.size(); ++si) {
      Sentence& s = doc.sentences[si];
      s.first_token = static_cast<std::uint32_t>(doc.tokens.size());
      std::string_view v = doc.view(s.span);
      for (const Span& t : text::tokenize(v)) {
        Token tok;
        tok.span = Span{s.span.begin + t.begin, s.span.begin + t.end};
        tok.shape = text::shape_of(v.substr(t.begin, t.size()));
        tok.sentence = si;
        doc.tokens.push_back(tok);
      }
      s.end_token = static_cast<std::uint32_t>(doc.tokens.size());
    }
    doc.stats.tokens = doc.tokens.size();
    return {};
  }
};

}  // namespace

std::unique_ptr<Component> make_sentencizer(const Resources&) { return std::make_unique<Sentencizer>(); }
std::unique_ptr<Component> make_tokenizer(const Resources&) { return std::make_unique<Tokenizer>(); }

}  // namespace kg::extract
