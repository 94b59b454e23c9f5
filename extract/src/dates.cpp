#include "dates.hpp"

#include <cstdio>

#include "mentions.hpp"
#include "text.hpp"

namespace kg::extract {
namespace {

bool is_year(std::string_view t) {
  if (t.size() != 4) return false;
  for (char c : t)
    if (c < '0' || c > '9') return false;
  int y = std::stoi(std::string(t));
  return y >= 1000 && y <= 2100;
}

int day_number(std::string_view t) {
  if (t.empty() || t.size() > 2) return 0;
  for (char c : t)
    if (c < '0' || c > '9') return 0;
  int d = std::stoi(std::string(t));
  return d >= 1 && d <= 31 ? d : 0;
}

std::string ym(std::string_view year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d", month);
  return std::string(year) + buf;
}
std::string ymd(std::string_view year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d-%02d", month, day);
  return std::string(year) + buf;
}

bool dash(std::string_view t) {
  std::size_t i = 0;
  return !t.empty() && text::is_dash(text::next_cp(t, i)) && i == t.size();
}

}  // namespace

int month_number(std::string_view f) {
  static const char* names[] = {"january", "february", "march",     "april",   "may",      "june",
                                "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    std::string_view n = names[m];
    if (f == n) return m + 1;
  }
  static const char* abbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int m = 0; m < 12; ++m)
    if (f == abbr[m] || (m == 8 && f == "sept")) return m + 1;
  return 0;
}

std::vector<DateMatch> find_dates(const Doc& doc, std::uint32_t b, std::uint32_t e) {
  std::vector<DateMatch> out;
  auto tok = [&](std::uint32_t i) { return i < e ? token_text(doc, i) : std::string_view(); };
  auto month = [&](std::uint32_t i) {
    if (i >= e || doc.tokens[i].shape != Shape::title) return 0;
    return month_number(token_fold(doc, i));
  };
  auto skip_dot = [&](std::uint32_t i) { return tok(i) == "." ? i + 1 : i; };
  for (std::uint32_t i = b; i < e; ++i) {
    DateMatch d;
    d.first_token = i;
    // Day Month Year
    if (int day = day_number(tok(i)); day) {
      std::uint32_t m = i + 1;
      if (int mo = month(m); mo) {
        std::uint32_t y = skip_dot(m + 1);
        if (tok(y) == ",") ++y;
        if (is_year(tok(y))) {
          d.start = ymd(tok(y), mo, day);
          d.start_type = Datatype::date;
          d.end_token = y + 1;
          out.push_back(d);
          i = y;
          continue;
        }
      }
    }
    if (int mo = month(i); mo) {
      std::uint32_t k = skip_dot(i + 1);
      // Month Day, Year
      if (int day = day_number(tok(k)); day) {
        std::uint32_t y = k + 1;
        if (tok(y) == ",") ++y;
        if (is_year(tok(y))) {
          d.start = ymd(tok(y), mo, day);
          d.start_type = Datatype::date;
          d.end_token = y + 1;
          out.push_back(d);
          i = y;
          continue;
        }
      }
      // Month–Month Year, and the issue form Month/Month Year ("September/October 1999")
      if ((dash(tok(k)) || tok(k) == "/") && month(k + 1)) {
        int mo2 = month(k + 1);
        std::uint32_t y = skip_dot(k + 2);
        if (is_year(tok(y))) {
          d.start = ym(tok(y), mo);
          d.start_type = Datatype::gYearMonth;
          d.end = ym(tok(y), mo2);
          d.end_type = Datatype::gYearMonth;
          d.end_token = y + 1;
          out.push_back(d);
          i = y;
          continue;
        }
      }
      // Month Year ("May 1961", "of May 1961")
      if (tok(k) == ",") ++k;
      if (is_year(tok(k))) {
        d.start = ym(tok(k), mo);
        d.start_type = Datatype::gYearMonth;
        d.end_token = k + 1;
        out.push_back(d);
        i = k;
        continue;
      }
    }
    if (is_year(tok(i))) {
      // ISO date 2014-04-06
      if (tok(i + 1) == "-" && day_number(tok(i + 2)) && tok(i + 2).size() == 2 && tok(i + 3) == "-" &&
          day_number(tok(i + 4)) && tok(i + 4).size() == 2) {
        int mo = std::stoi(std::string(tok(i + 2)));
        if (mo >= 1 && mo <= 12) {
          d.start = ymd(tok(i), mo, std::stoi(std::string(tok(i + 4))));
          d.start_type = Datatype::date;
          d.end_token = i + 5;
          out.push_back(d);
          i += 4;
          continue;
        }
      }
      // A year followed by "s" is a decade ("1990s"): not a date.
      if (i + 1 < e && doc.tokens[i + 1].span.begin == doc.tokens[i].span.end && token_fold(doc, i + 1) == "s") continue;
      // Thousands separator context ("1,516" is one token already), so a bare 4-digit year.
      d.start = std::string(tok(i));
      d.start_type = Datatype::gYear;
      d.end_token = i + 1;
      if (dash(tok(i + 1)) && is_year(tok(i + 2))) {
        d.end = std::string(tok(i + 2));
        d.end_type = Datatype::gYear;
        d.end_token = i + 3;
      } else if (dash(tok(i + 1)) && tok(i + 2).size() == 2 && doc.tokens[i + 2].shape == Shape::digit &&
                 tok(i + 2) > tok(i).substr(2, 2)) {
        // "1931–33": the end year in the same century.
        d.end = std::string(tok(i).substr(0, 2)) + std::string(tok(i + 2));
        d.end_type = Datatype::gYear;
        d.end_token = i + 3;
      }
      out.push_back(d);
      i = d.end_token - 1;
    }
  }
  return out;
}

}  // namespace kg::extract
