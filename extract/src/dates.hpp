// Date expressions over tokens, normalised to xsd:date / gYearMonth / gYear at the
// precision the text gives: "9 June 1964", "June 9, 1964", "June 1964", "1964",
// "2014-04-06", ranges "September–October 1937" and "1957–1970".
#pragma once

#include <optional>
#include <vector>

#include "doc.hpp"

namespace kg::extract {

struct DateMatch {
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
  std::string start;  ///< lexical form ("1937-09" …)
  Datatype start_type = Datatype::gYear;
  std::string end;    ///< set for ranges
  Datatype end_type = Datatype::gYear;
  bool range() const { return !end.empty(); }
};

/// All date expressions in tokens [b, e), left to right, not overlapping.
std::vector<DateMatch> find_dates(const Doc& doc, std::uint32_t b, std::uint32_t e);

/// Month number for an English month name or abbreviation (folded), or 0.
int month_number(std::string_view folded);

}  // namespace kg::extract
