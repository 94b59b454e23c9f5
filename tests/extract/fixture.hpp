// A small data folder written by the tests (fictional entities only), so extraction
// tests never depend on the shipped lexicons or on the corpus.
#pragma once

#include <algorithm>
#include <string>

#include "extract/extract.hpp"
#include "support.hpp"

namespace kg::test {

inline std::string write_test_data(const std::string& name) {
  fs::path dir = temp_dir("data-" + name);
  write_file(dir / "lexicon" / "test.tsv",
             "# test lexicon\n"
             "Country\tNorth Korea\tDPRK|Democratic People's Republic of Korea\tcurated\n"
             "Country\tValdoria\tRepublic of Valdoria\tcurated\n"
             "Country\tKorea\t\tcurated\n"
             "Settlement\tPort Vessel\t\tcurated\n"
             "Settlement\tNewtown\tOldtown\tcurated\n"
             "Region\tGrey Steppe\t\tcurated\n"
             "Person\tAnton Brask\tBrask\tcurated\n"
             "Person\tOde Brin\tBrin\tcurated\n"
             "GovernmentBody\tSecurity Directorate\t\tcurated\n");
  write_file(dir / "cues.tsv",
             "# cue\tposition\tclass\tnote\n"
             "ministry\tprefix\tGovernmentBody\t\n"
             "ministry\thead\tGovernmentBody\t\n"
             "bureau\thead\tGovernmentBody\t\n"
             "directorate\thead\tGovernmentBody\t\n"
             "river\thead\tWaterbody\t\n"
             "port\thead\tSettlement\t\n"
             "census\thead\tEvent\t\n"
             "letter\thead\tDocument\t\n"
             "protocol\thead\tLegalInstrument\t\n"
             "decree\thead\tLegalInstrument\t\n"
             "deportation\tprefix\tEvent\t\n"
             "university\thead\tOrganization\t\n"
             "professor\ttitle\tPerson\t\n"
             "president\ttitle\tPerson\t\n"
             "chairman\ttitle\tPerson\t\n"
             "chief\ttitle\tPerson\t\n"
             "refugees\tgroup_head\tGroup\t\n"
             "defectors\tmigrant_head\tGroup\t\n"
             "however\tnot_name\tAgent\t\n"
             "region\thead\tRegion\t\n"
             "committee\thead\tGovernmentBody\t\n"
             "union\thead\tOrganization\t\n");
  write_file(dir / "demonyms.tsv", "Valdorian\tValdorians\tValdoria\tcurated\nKorean\tKoreans\tKorea\tcurated\n");
  write_file(dir / "stopwords.txt",
             "# test stop words\nthe\na\nan\nof\nand\nto\nin\non\nby\nwas\nwere\nis\nit\nfor\nfrom\nat\nwith\n"
             "that\nthis\nhe\nshe\nthey\nhis\nher\ntheir\nas\nbe\nhad\nhas\nnot\nwho\nwhich\n");
  write_file(dir / "name_shapes.tsv", "korean_surname\tPak\nkorean_surname\tKim\nchinese_surname\tZhou\nsurname_suffix\tova\n");
  write_file(dir / "lexicon" / "lower.tsv", "Event\tGreat Drainage\tgreat drainage|the drainage campaign\tcurated\n"
                                           "Country\tOstrava Union\t\tcurated\n");
  write_file(dir / "frames.tsv",
             "deportation\ttrigger\tdeported|transferred\t-\t-\n"
             "deportation\tafter\ton the orders of\torderedBy\tAgent\n"
             "deportation\tafter\tby the|by\tcarriedOutBy\tGovernmentBody,Organization\n"
             "deportation\tafter\tfrom\torigin\tPlace\n"
             "deportation\tafter\tto the|to\tdestination\tPlace\n"
             "deportation\tbefore\t-\taffected\tGroup\n");
  write_file(dir / "demonyms_curated.tsv", "North Valdorian\tNorth Valdorians\tValdoria\tcurated\n"
                                            "North Korean\tNorth Koreans\tNorth Korea\tcurated\n"
                                            "Valdorian Korean\tValdorian Koreans\tValdoria\tcurated\n");
  write_file(dir / "relations.tsv",
             "signedBy\tSTO\tDocument\tsigned by|was signed by\tAgent\t0.8\t10\n"
             "migratedTo\tSTO\tGroup,Person\tfled to\tPlace\t0.7\t10\n"
             "migratedTo\tSTO\tGroup,Person\tto\tPlace\t0.6\t10\n"
             "affiliatedWith\tSTO\tPerson\tprofessor at|teaches at\tOrganization\t0.6\t8\n"
             "author\tSTO\tPublication\tby\tPerson\t0.75\t4\n"
             "authorizes\tSTO\tLegalInstrument\tordered\tEvent\t0.7\t12\n");
  write_file(dir / "part_of.tsv", "# part\twhole\tsource\nPort Vessel\tRepublic of Valdoria|Valdoria\ttest\n"
                                   "Newtown|Oldtown\tGrey Steppe\ttest\nGrey Steppe\tValdoria\ttest\n"
                                   "Kessin\tValdoria\ttest\nKessin\tOstrava Union\ttest\n");
  write_file(dir / "name_containers.tsv", "# suffix\tcontainer\nCoast Region\tValdoria\n");
  write_file(dir / "infobox.tsv", "location\tlocation\tobject\tPlace\ndate\tdate\tdate\t\npartof\tabout\tobject\tEvent\n");
  return dir.string();
}

inline extract::Extractor make_extractor(const std::string& name) {
  return extract::Extractor::create(extract::Options{write_test_data(name), ""}).take();
}

inline extract::DocResult run_text(const extract::Extractor& ex, const std::string& text,
                                   const std::string& file = "doc.txt") {
  return ex.run(extract::SourceText{file, text}, {}).take();
}

inline const extract::EntityRecord* find_entity(const extract::DocResult& r, const std::string& label) {
  auto it = std::find_if(r.entities.begin(), r.entities.end(), [&](const extract::EntityRecord& e) {
    return e.label == label || e.alt_labels.count(label);
  });
  return it == r.entities.end() ? nullptr : &*it;
}

inline bool has_relation(const extract::DocResult& r, const std::string& s, ontology::Property p,
                         const std::string& o) {
  auto* se = find_entity(r, s);
  auto* oe = find_entity(r, o);
  if (!se || !oe) return false;
  return std::any_of(r.relations.begin(), r.relations.end(), [&](const extract::Relation& rel) {
    return rel.subject == se->key && rel.property == p && rel.object == oe->key;
  });
}

// A prose paragraph long enough to count as content for the chrome filter.
inline std::string prose(const std::string& sentence) {
  return sentence + " It was one of the events that the people of the region remembered for a long time, "
                    "and it is described in this text as an example.\n";
}

}  // namespace kg::test
