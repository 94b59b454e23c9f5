// Behaviour of the extraction pipeline through its public interface, on sentences
// written for the tests.
#include <map>

#include "fixture.hpp"

using namespace kg;
using namespace kg::test;
using ontology::Class;
using ontology::Property;

TEST_SUITE("extract::Extractor") {
  TEST_CASE("builds the documented pipeline from pipeline config defaults") {
    auto ex = make_extractor("pipeline");
    auto names = ex.component_names();
    REQUIRE(names.size() >= 8);
    CHECK(names.front() == "kg.normalizer.v1");
  }

  TEST_CASE("an unknown component in the config is a usage error naming it") {
    std::string dir = write_test_data("badcfg");
    write_file(fs::path(dir) / "pipeline.json", R"({"components": ["kg.normalizer.v1", "kg.nothing.v9"]})");
    auto ex = extract::Extractor::create(extract::Options{dir, ""});
    REQUIRE_FALSE(ex.ok());
    CHECK(ex.error().code == Errc::usage);
    CHECK(ex.error().message.find("kg.nothing.v9") != std::string::npos);
  }

  TEST_CASE("a component whose requirements are unmet is refused") {
    std::string dir = write_test_data("order");
    write_file(fs::path(dir) / "pipeline.json", R"({"components": ["kg.tokenizer.v1"]})");
    auto ex = extract::Extractor::create(extract::Options{dir, ""});
    REQUIRE_FALSE(ex.ok());
    CHECK(ex.error().message.find("kg.tokenizer.v1 requires \"doc.sentences\"") != std::string::npos);
  }

  TEST_CASE("a malformed lexicon line is reported with file and line") {
    std::string dir = write_test_data("badlex");
    write_file(fs::path(dir) / "lexicon" / "zz.tsv", "# header\nCountry\tOnly two\n");
    auto ex = extract::Extractor::create(extract::Options{dir, ""});
    REQUIRE_FALSE(ex.ok());
    CHECK(ex.error().where.line == 2);
    CHECK(ex.error().render().find("zz.tsv:2:1: error: expected 4 tab-separated columns") != std::string::npos);
  }
}

TEST_SUITE("extract::Normalizer") {
  TEST_CASE("evidence offsets are code points of the original text, before NFC") {
    auto ex = make_extractor("nfc");
    // "Cafe" + combining acute (decomposed) before the sentence that matters.
    std::string text = prose("Cafe\xCC\x81 owners and the Valdorians fled to Port Vessel in the spring.");
    auto r = run_text(ex, text);
    REQUIRE(has_relation(r, "Valdorians", Property::migratedTo, "Port Vessel"));
    for (const auto& rel : r.relations) {
      // Decode the original and compare.
      std::u32string u;
      for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : (c & (0xFF >> (n + 1)));
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        u += cp;
        i += static_cast<std::size_t>(n);
      }
      std::u32string slice = u.substr(rel.evidence.char_start, rel.evidence.char_end - rel.evidence.char_start);
      std::string back;
      for (char32_t cp : slice) {
        if (cp < 0x80) back += static_cast<char>(cp);
        else if (cp < 0x800) { back += static_cast<char>(0xC0 | (cp >> 6)); back += static_cast<char>(0x80 | (cp & 0x3F)); }
        else { back += static_cast<char>(0xE0 | (cp >> 12)); back += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); back += static_cast<char>(0x80 | (cp & 0x3F)); }
      }
      CHECK(back == rel.evidence.text);
    }
  }

  TEST_CASE("invalid UTF-8 is an encoding error with the byte offset") {
    auto ex = make_extractor("utf8");
    auto r = ex.run(extract::SourceText{"bad.txt", std::string("abc\xC3\x28xyz")}, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::encoding);
    CHECK(r.error().render() == "bad.txt: byte 3: error: invalid UTF-8 at byte offset 3");
  }

  TEST_CASE("a file with NUL bytes is refused as binary") {
    auto ex = make_extractor("binary");
    auto r = ex.run(extract::SourceText{"img.png", std::string("PNG\0\0data", 9)}, {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("binary file") != std::string::npos);
  }

  TEST_CASE("an empty file gives a warning and an empty result") {
    auto ex = make_extractor("empty");
    std::vector<std::string> seen;
    auto r = ex.run(extract::SourceText{"empty.txt", ""},
                    [&](Level, const Location& l, std::string_view m) { seen.push_back(l.file + ": " + std::string(m)); });
    REQUIRE(r.ok());
    CHECK(r->entities.empty());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == "empty.txt: empty file: nothing to extract");
  }
}

TEST_SUITE("extract::ChromeFilter") {
  TEST_CASE("menus and repeated short lines are skipped, prose is kept") {
    auto ex = make_extractor("chrome");
    std::string text =
        "Site Name\n  \xE2\x80\xA2 Valdoria\n  \xE2\x80\xA2 Sports\n  \xE2\x80\xA2 Weather\n"
        "Site Name\nlogo_small.png\n\n" +
        prose("The refugees fled to Port Vessel after the storm.") +
        "\n1Anton Brask wins the cup againAnton Brask wins the cup again\n";
    auto r = run_text(ex, text);
    CHECK(find_entity(r, "Port Vessel") != nullptr);
    CHECK(find_entity(r, "Valdoria") == nullptr);     // only in the menu
    CHECK(find_entity(r, "Anton Brask") == nullptr);  // only in a glued headline list
    CHECK(r.stats.chrome_blocks >= 4);
  }
}

TEST_SUITE("extract::Mentions") {
  TEST_CASE("lexicon names match longest first and only when capitalised") {
    auto ex = make_extractor("lex");
    auto r = run_text(ex, prose("Envoys of the Democratic People's Republic of Korea met in Port Vessel; a north korea map hung there."));
    auto* nk = find_entity(r, "North Korea");
    REQUIRE(nk != nullptr);
    CHECK(nk->key.cls == Class::Country);
    CHECK(nk->alt_labels.count("Democratic People's Republic of Korea") == 1);
    CHECK(nk->alt_labels.count("north korea") == 0);
  }

  TEST_CASE("cue words type capitalised names") {
    auto ex = make_extractor("cues");
    auto r = run_text(ex, prose("The Ministry of Coastal Affairs mapped the Blue Heron River near the Tarn Valley University."));
    auto* m = find_entity(r, "Ministry of Coastal Affairs");
    REQUIRE(m != nullptr);
    CHECK(m->key.cls == Class::GovernmentBody);
    auto* river = find_entity(r, "Blue Heron River");
    REQUIRE(river != nullptr);
    CHECK(river->key.cls == Class::Waterbody);
    auto* uni = find_entity(r, "Tarn Valley University");
    REQUIRE(uni != nullptr);
    CHECK(uni->key.cls == Class::Organization);
  }

  TEST_CASE("titles and name shapes make persons") {
    auto ex = make_extractor("persons");
    auto r = run_text(ex, prose("Professor Marta Lindqvist met Pak Sun-hee and Zhou Weiming, and Irina Sokolova said nothing."));
    for (const char* name : {"Marta Lindqvist", "Pak Sun-hee", "Zhou Weiming", "Irina Sokolova"}) {
      INFO(name);
      auto* p = find_entity(r, name);
      REQUIRE(p != nullptr);
      CHECK(p->key.cls == Class::Person);
    }
  }

  TEST_CASE("groups come from demonyms and group words") {
    auto ex = make_extractor("groups");
    auto r = run_text(ex, prose("Ethnic groups such as the Valdorian refugees and the ethnic Koreans in Valdoria moved."));
    auto* g = find_entity(r, "Valdorian refugees");
    REQUIRE(g != nullptr);
    CHECK(g->key.cls == Class::Group);
    auto* k = find_entity(r, "ethnic Koreans in Valdoria");
    REQUIRE(k != nullptr);
    CHECK(k->key.cls == Class::Group);
  }

  TEST_CASE("numbered instruments read look-alike letters as Latin") {
    auto ex = make_extractor("confusables");
    // The second form writes "cc" with Cyrillic letters U+0441.
    auto r = run_text(ex, prose("Decree No. 77-12cc was signed by Anton Brask.") +
                              prose("Later the Decree No. 77-12\xD1\x81\xD1\x81 was quoted again."));
    auto* d = find_entity(r, "Decree No. 77-12cc");
    REQUIRE(d != nullptr);
    CHECK(d->key.cls == Class::LegalInstrument);
    std::size_t decrees = 0;
    for (const auto& e : r.entities) decrees += e.key.cls == Class::LegalInstrument;
    CHECK(decrees == 1);
    bool id = std::any_of(r.attributes.begin(), r.attributes.end(), [&](const extract::Attribute& a) {
      return a.subject == d->key && a.property == ontology::DataProperty::identifier && a.lexical == "77-12cc";
    });
    CHECK(id);
    CHECK(has_relation(r, "Decree No. 77-12cc", Property::signedBy, "Anton Brask"));
  }
}

TEST_SUITE("extract::Resolver") {
  TEST_CASE("acronyms defined in parentheses name the same entity later") {
    auto ex = make_extractor("acronym");
    auto r = run_text(ex, prose("The Northern Fisheries Bureau (NFB) opened an office.") +
                              prose("Years later the NFB closed that office in Port Vessel."));
    auto* b = find_entity(r, "Northern Fisheries Bureau");
    REQUIRE(b != nullptr);
    CHECK(b->alt_labels.count("NFB") == 1);
    std::size_t bodies = 0;
    for (const auto& e : r.entities) bodies += e.key.cls == Class::GovernmentBody;
    CHECK(bodies == 1);
  }

  TEST_CASE("aliases given in parentheses and translator's brackets join the entity") {
    auto ex = make_extractor("alias");
    auto r = run_text(ex, prose("The Tarn Ministry (also called \"Tarnburo\" or \"the Office\") governs Oldtown [Newtown]."));
    auto* m = find_entity(r, "Tarn Ministry");
    REQUIRE(m != nullptr);
    CHECK(m->alt_labels.count("Tarnburo") == 1);
    auto* n = find_entity(r, "Newtown");
    REQUIRE(n != nullptr);
    CHECK(n->alt_labels.count("Oldtown") == 1);
  }

  TEST_CASE("a surname alone refers back to the full name") {
    auto ex = make_extractor("surname");
    auto r = run_text(ex, prose("Professor Marta Lindqvist wrote the report.") +
                              prose("Lindqvist later moved to Port Vessel with her family."));
    auto* p = find_entity(r, "Marta Lindqvist");
    REQUIRE(p != nullptr);
    CHECK(p->alt_labels.count("Lindqvist") == 1);
  }

  TEST_CASE("translator's brackets inside a name still match the lexicon") {
    auto ex = make_extractor("brackets");
    auto r = run_text(ex, prose("The delegation travelled from [North] Korea to Port Vessel in winter."));
    CHECK(find_entity(r, "North Korea") != nullptr);
  }
}

TEST_SUITE("extract::Relations") {
  TEST_CASE("trigger phrases link entity pairs") {
    auto ex = make_extractor("triggers");
    auto r = run_text(ex, prose("Professor Marta Lindqvist teaches at Tarn Valley University.") +
                              prose("The Valdorians fled to Port Vessel."));
    CHECK(has_relation(r, "Marta Lindqvist", Property::affiliatedWith, "Tarn Valley University"));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Port Vessel"));
  }

  TEST_CASE("an instrument between two bodies has both as parties, and its date") {
    auto ex = make_extractor("parties");
    auto r = run_text(ex, prose("The Harbour Protocol between the Security Directorate and the Ministry of Coastal Affairs, 9 June 1964, was short."));
    CHECK(has_relation(r, "Harbour Protocol", Property::party, "Security Directorate"));
    CHECK(has_relation(r, "Harbour Protocol", Property::party, "Ministry of Coastal Affairs"));
    auto* p = find_entity(r, "Harbour Protocol");
    REQUIRE(p != nullptr);
    bool dated = std::any_of(r.attributes.begin(), r.attributes.end(), [&](const extract::Attribute& a) {
      return a.subject == p->key && a.property == ontology::DataProperty::date && a.lexical == "1964-06-09" &&
             a.datatype == ontology::Datatype::date;
    });
    CHECK(dated);
  }

  TEST_CASE("infobox lines describe the article's subject") {
    auto ex = make_extractor("infobox");
    std::string text = "Deportation of the Valdorians\n\nInfobox\n- Title: Deportation of the Valdorians\n"
                       "- Location: Grey Steppe\n- Date: September\xE2\x80\x93October 1937\n\n" +
                       prose("The Deportation of the Valdorians began in the autumn.");
    auto r = run_text(ex, text);
    auto* ev = find_entity(r, "Deportation of the Valdorians");
    REQUIRE(ev != nullptr);
    CHECK(ev->key.cls == Class::Event);
    CHECK(has_relation(r, "Deportation of the Valdorians", Property::location, "Grey Steppe"));
    auto has_attr = [&](ontology::DataProperty p, const std::string& v) {
      return std::any_of(r.attributes.begin(), r.attributes.end(), [&](const extract::Attribute& a) {
        return a.subject == ev->key && a.property == p && a.lexical == v;
      });
    };
    CHECK(has_attr(ontology::DataProperty::startDate, "1937-09"));
    CHECK(has_attr(ontology::DataProperty::endDate, "1937-10"));
  }
}

TEST_SUITE("extract::Statistics") {
  TEST_CASE("reported numbers become statistics with value, unit and date") {
    auto ex = make_extractor("stats");
    auto r = run_text(ex, prose("In 1961 about 4,500 households and 12.5 percent of the Valdorians fled to Port Vessel."));
    std::map<std::string, std::string> unit_of;
    for (const auto& a : r.attributes)
      if (a.subject.cls == Class::Statistic && a.property == ontology::DataProperty::value)
        for (const auto& b : r.attributes)
          if (b.subject == a.subject && b.property == ontology::DataProperty::unit) unit_of[a.lexical] = b.lexical;
    CHECK(unit_of["4500"] == "households");
    CHECK(unit_of["12.5"] == "percent");
    CHECK(unit_of.count("1961") == 0);  // a year is a date, not a statistic
  }

  TEST_CASE("table rows under a header of years become dated statistics") {
    auto ex = make_extractor("table");
    std::string text = prose("The table below counts arrivals in Port Vessel by year.") +
                       "Year 2001 2002 2003 2004 2005 Total\nArrivals 10 20 30 40 50 150\n" +
                       prose("The numbers fell after that period for many reasons.");
    auto r = run_text(ex, text);
    bool found = false;
    for (const auto& a : r.attributes)
      if (a.subject.cls == Class::Statistic && a.property == ontology::DataProperty::value && a.lexical == "30")
        for (const auto& b : r.attributes)
          if (b.subject == a.subject && b.property == ontology::DataProperty::date && b.lexical == "2003") found = true;
    CHECK(found);
  }
}

TEST_SUITE("extract::Determinism") {
  TEST_CASE("the same input gives the same result, independent of other documents") {
    auto ex = make_extractor("determinism");
    std::string a = prose("The Valdorians fled to Port Vessel.");
    auto r1 = run_text(ex, a, "a.txt");
    run_text(ex, prose("Anton Brask visited Newtown."), "b.txt");
    auto r2 = run_text(ex, a, "a.txt");
    REQUIRE(r1.entities.size() == r2.entities.size());
    for (std::size_t i = 0; i < r1.entities.size(); ++i) CHECK(r1.entities[i].key == r2.entities[i].key);
    REQUIRE(r1.relations.size() == r2.relations.size());
    for (std::size_t i = 0; i < r1.relations.size(); ++i) CHECK(r1.relations[i].evidence == r2.relations[i].evidence);
  }
}

TEST_SUITE("extract::Mentions (issue 4 mechanisms)") {
  TEST_CASE("a given name before a Korean family name is a person") {
    auto ex = make_extractor("diaspora");
    auto r = run_text(ex, prose("The archive of Marina Kim was opened to readers in the spring."));
    auto* p = find_entity(r, "Marina Kim");
    REQUIRE(p != nullptr);
    CHECK(p->key.cls == Class::Person);
  }

  TEST_CASE("a lower-case unit word after a name types it") {
    auto ex = make_extractor("lowerhead");
    auto r = run_text(ex, prose("Families were sent to the Zarafshan region after the harvest failed."));
    auto* g = find_entity(r, "Zarafshan region");
    REQUIRE(g != nullptr);
    CHECK(g->key.cls == Class::Region);
  }

  TEST_CASE("names the lexicon writes in lower case match lower-case text") {
    auto ex = make_extractor("lowerlex");
    auto r = run_text(ex, prose("During the great drainage many farms were flooded by the river."));
    auto* e = find_entity(r, "Great Drainage");
    REQUIRE(e != nullptr);
    CHECK(e->key.cls == Class::Event);
  }

  TEST_CASE("two-word plural demonyms and '<demonym> government' are found") {
    auto ex = make_extractor("demonyms2");
    auto r = run_text(ex, prose("Many North Valdorians distrusted the North Valdorian government after the war."));
    auto* g = find_entity(r, "North Valdorians");
    REQUIRE(g != nullptr);
    CHECK(g->key.cls == Class::Group);
    auto* b = find_entity(r, "North Valdorian government");
    REQUIRE(b != nullptr);
    CHECK(b->key.cls == Class::GovernmentBody);
  }

  TEST_CASE("a head word that ends a known name does not type the longer run") {
    auto ex = make_extractor("ownhead");
    auto r = run_text(ex, prose("He was named Hero of the Ostrava Union in the year of the flood."));
    CHECK(find_entity(r, "Hero of the Ostrava Union") == nullptr);
    CHECK(find_entity(r, "Ostrava Union") != nullptr);
  }

  TEST_CASE("bulleted works become publications with their authors") {
    auto ex = make_extractor("listworks");
    std::string text = prose("The following books describe the flight across the steppe in detail.") +
                       "\xE2\x80\xA2 Salt Roads: A Story of the Steppe, by Ilse Varga, a 2011 memoir of the journey\n" +
                       "\xE2\x80\xA2 The Long Winter by Tomas Ruud and Ada Brun, a novel about the exiles\n" +
                       prose("Both books were translated into several languages over the following years.");
    auto r = run_text(ex, text);
    auto* book = find_entity(r, "Salt Roads: A Story of the Steppe");
    REQUIRE(book != nullptr);
    CHECK(book->key.cls == Class::Publication);
    CHECK(book->alt_labels.count("Salt Roads") == 1);
    CHECK(has_relation(r, "Salt Roads: A Story of the Steppe", Property::author, "Ilse Varga"));
    CHECK(has_relation(r, "The Long Winter", Property::author, "Tomas Ruud"));
  }
}

TEST_SUITE("extract::Frames") {
  TEST_CASE("a movement sentence fills the roles of the article's event") {
    auto ex = make_extractor("frames");
    std::string text = "Deportation of the Valdorians\n\nInfobox\n- Title: Deportation of the Valdorians\n\n" +
                       prose("In 1950 the Valdorians were deported from Port Vessel, Kessin and Newtown to the Grey Steppe "
                             "by the Security Directorate on the orders of Anton Brask.");
    auto r = run_text(ex, text);
    const std::string ev = "Deportation of the Valdorians";
    CHECK(has_relation(r, ev, Property::orderedBy, "Anton Brask"));
    CHECK(has_relation(r, ev, Property::carriedOutBy, "Security Directorate"));
    CHECK(has_relation(r, ev, Property::origin, "Port Vessel"));
    CHECK(has_relation(r, ev, Property::origin, "Kessin"));  // unknown name inside a list of places
    CHECK(has_relation(r, ev, Property::origin, "Newtown"));
    CHECK(has_relation(r, ev, Property::destination, "Grey Steppe"));
    CHECK(has_relation(r, ev, Property::affected, "Valdorians"));
  }
}

TEST_SUITE("extract::Articles") {
  TEST_CASE("lines under a navigation heading are chrome, a reference list at the end is content") {
    auto ex = make_extractor("navsections");
    std::string text = prose("The Valdorians fled to Port Vessel in the winter.") +
                       "\nSee also\n\n- Anton Brask\n- Grey Steppe\n\n" +
                       prose("Later the families returned to the villages they had left behind.") +
                       "\nSources consulted\n\nNewtown archive of the Security Directorate\n";
    auto r = run_text(ex, text);
    CHECK(find_entity(r, "Anton Brask") == nullptr);
    CHECK(find_entity(r, "Grey Steppe") == nullptr);
    CHECK(find_entity(r, "Security Directorate") != nullptr);
  }

  TEST_CASE("in an article about a group, group nouns and destination headings refer to it") {
    auto ex = make_extractor("groupsubject");
    std::string text = "Valdorian refugees\n\n" +
                       prose("Valdorian refugees are people who left Valdoria after the war of the two rivers.") +
                       prose("Most of the refugees fled to Port Vessel by boat.") + "\nBy destination\n\nNewtown\n\n" +
                       prose("Newtown received several hundred families in the first years.");
    auto r = run_text(ex, text);
    CHECK(has_relation(r, "Valdorian refugees", Property::migratedTo, "Port Vessel"));
    CHECK(has_relation(r, "Valdorian refugees", Property::migratedTo, "Newtown"));
  }
}

TEST_SUITE("extract::Documents") {
  TEST_CASE("an instrument named by its date becomes a document with that date") {
    auto ex = make_extractor("dated");
    auto r = run_text(ex, prose("Under the Valdorian decree of 13 April 1928 the land was given to the settlers."));
    auto* d = find_entity(r, "Valdorian Decree of 13 April 1928");
    REQUIRE(d != nullptr);
    CHECK(d->key.cls == Class::LegalInstrument);
    bool dated = std::any_of(r.attributes.begin(), r.attributes.end(), [&](const extract::Attribute& a) {
      return a.subject == d->key && a.property == ontology::DataProperty::date && a.lexical == "1928-04-13";
    });
    CHECK(dated);
  }

  TEST_CASE("capitalised modifiers before a title belong to the position") {
    auto ex = make_extractor("position");
    auto r = run_text(ex, prose("Valdorian president Anton Brask opened the new harbour of Port Vessel."));
    auto* p = find_entity(r, "Anton Brask");
    REQUIRE(p != nullptr);
    bool pos = std::any_of(r.attributes.begin(), r.attributes.end(), [&](const extract::Attribute& a) {
      return a.subject == p->key && a.property == ontology::DataProperty::position && a.lexical == "Valdorian president";
    });
    CHECK(pos);
  }
}

TEST_SUITE("extract::QuotedTitles") {
  TEST_CASE("a quoted phrase in title case is a publication, quoted speech is not") {
    auto ex = make_extractor("quoted");
    auto r = run_text(ex, prose("Anton Brask wrote \"Harbour Lights Over the Grey Steppe\" in exile.") +
                              prose("He said that \"the harbour was closed for the winter\" and left."));
    auto* p = find_entity(r, "Harbour Lights Over the Grey Steppe");
    REQUIRE(p != nullptr);
    CHECK(p->key.cls == Class::Publication);
    CHECK(find_entity(r, "the harbour was closed for the winter") == nullptr);
  }
}

TEST_SUITE("extract::UnnamedDocuments") {
  TEST_CASE("an unnamed document in a dated sentence is named by kind and date") {
    auto ex = make_extractor("unnamed");
    auto r = run_text(ex, prose("On 2 May 1931, a Valdorian decree was passed that closed the harbour of Port Vessel."));
    auto* d = find_entity(r, "Valdorian Decree of 2 May 1931");
    REQUIRE(d != nullptr);
    CHECK(d->key.cls == Class::LegalInstrument);
  }
}

TEST_SUITE("extract::BareTriggers") {
  TEST_CASE("a one-word trigger governs the short noun phrase right after it, not a later clause") {
    auto ex = make_extractor("baretrigger");
    auto r = run_text(ex, prose("The Valdorians moved to unpopulated parts of the Grey Steppe in spring.") +
                              prose("Anton Brask wanted to rebuild the old harbour together with Port Vessel."));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Grey Steppe"));
    CHECK_FALSE(has_relation(r, "Anton Brask", Property::migratedTo, "Port Vessel"));
    // Demonyms may stand in the phrase, and "or" continues a list.
    auto r2 = run_text(ex, prose("The Valdorians went to the Valdorian towns of Port Vessel or Newtown."));
    CHECK(has_relation(r2, "Valdorians", Property::migratedTo, "Port Vessel"));
    CHECK(has_relation(r2, "Valdorians", Property::migratedTo, "Newtown"));
  }
}

TEST_SUITE("extract::NameRelations") {
  TEST_CASE("a demonym before migrants, a demonym before a body and 'of <place>' place the entity") {
    auto ex = make_extractor("namerel");
    auto r = run_text(ex, prose("Valoria is far away, but Valdoria lies across the sea from Port Vessel.") +
                              prose("Many Valdorian defectors reached Port Vessel by boat.") +
                              prose("The Valdorian Ministry of Fisheries closed the harbour.") +
                              prose("The Harbour Bureau of Port Vessel kept the records."));
    CHECK(has_relation(r, "Valdorian defectors", Property::migratedFrom, "Valdoria"));
    CHECK(has_relation(r, "Valdorian Ministry of Fisheries", Property::basedIn, "Valdoria"));
    CHECK(has_relation(r, "Harbour Bureau of Port Vessel", Property::basedIn, "Port Vessel"));
    auto it = std::find_if(r.relations.begin(), r.relations.end(), [](const extract::Relation& rel) {
      return rel.property == Property::migratedFrom;
    });
    REQUIRE(it != r.relations.end());
    CHECK(it->evidence.rule == "relations:name-demonym");
    CHECK(it->evidence.text.find("Valdorian defectors reached") != std::string::npos);
  }

  TEST_CASE("a place named only inside another name gives no relation") {
    auto ex = make_extractor("namerel-none");
    auto r = run_text(ex, prose("The Valdorian Ministry of Fisheries closed the harbour for the winter."));
    REQUIRE(find_entity(r, "Valdorian Ministry of Fisheries") != nullptr);
    CHECK(find_entity(r, "Valdoria") == nullptr);
    CHECK(std::none_of(r.relations.begin(), r.relations.end(),
                       [](const extract::Relation& rel) { return rel.property == Property::basedIn; }));
  }
}

TEST_SUITE("extract::PartOf") {
  TEST_CASE("part_of.tsv places a named place inside another named place, with the sentence naming both") {
    auto ex = make_extractor("partof");
    auto r = run_text(ex, prose("The ferry left Port Vessel at dawn.") +
                              prose("Fishermen from Port Vessel and Valdoria met at Oldtown.") +
                              prose("Far from the coast lies the Grey Steppe."));
    CHECK(has_relation(r, "Port Vessel", Property::locatedIn, "Valdoria"));
    CHECK(has_relation(r, "Newtown", Property::locatedIn, "Grey Steppe"));  // by its other name, Oldtown
    CHECK_FALSE(has_relation(r, "Valdoria", Property::locatedIn, "Port Vessel"));
    for (const auto& rel : r.relations)
      if (rel.property == Property::locatedIn && rel.object == find_entity(r, "Valdoria")->key &&
          rel.subject == find_entity(r, "Port Vessel")->key) {
        CHECK(rel.evidence.rule == "part_of.tsv:2 test");
        CHECK(rel.evidence.text.rfind("Fishermen from Port Vessel and Valdoria", 0) == 0);
      }
  }
}

namespace {
bool has_attribute(const kg::extract::DocResult& r, const std::string& s, kg::ontology::DataProperty p,
                   const std::string& value) {
  auto* se = kg::test::find_entity(r, s);
  return se && std::any_of(r.attributes.begin(), r.attributes.end(), [&](const kg::extract::Attribute& a) {
           return a.subject == se->key && a.property == p && a.lexical == value;
         });
}

// A made-up refugee-board style response: a title line with the response's own code,
// prose, and a reference section.
const std::string kResponse =
    "Update to XYZ9876.E of 3 May 1999 on the Valdorians in Port Vessel [ABC12345.E]\n\n" +
    kg::test::prose("The Valdorians of Port Vessel were described by several observers in 2001.") +
    "\nReferences\n\nArticles\n\n"
    "The Harbour Gazette [Port Vessel]. March 2001. Vol. 3, No. 1. \"Anton Brask Opens the Grey Steppe Road.\" "
    "http://example.org/gazette/3 [Accessed 2 May 2002]\n\n"
    "Brask, Anton, Harbour Master, Security Directorate, Newtown. 4 June 2002. Letter sent to the Security "
    "Directorate.\n\n"
    "The Steppe Review [Newtown]. September/October 1999. \"Valdoria and Her Harbours.\"\n\n"
    "Security Directorate Yearbook: Grey Steppe. 1999-2000.\n";
}  // namespace

TEST_SUITE("extract::References") {
  using kg::ontology::DataProperty;

  TEST_CASE("a reference entry gives publisher, its city, the title, its date, author and subjects") {
    auto ex = make_extractor("references");
    auto r = run_text(ex, kResponse);
    auto* gazette = find_entity(r, "The Harbour Gazette");
    REQUIRE(gazette != nullptr);
    CHECK(gazette->key.cls == Class::Organization);
    CHECK(has_relation(r, "The Harbour Gazette", Property::basedIn, "Port Vessel"));
    // The bracketed city is the publisher's seat, not another name of it.
    CHECK(find_entity(r, "Port Vessel")->alt_labels.count("The Harbour Gazette") == 0);
    const std::string title = "Anton Brask Opens the Grey Steppe Road";
    REQUIRE(find_entity(r, title) != nullptr);
    CHECK(find_entity(r, title)->key.cls == Class::Publication);
    CHECK(has_relation(r, title, Property::issuedBy, "The Harbour Gazette"));
    CHECK(has_attribute(r, title, DataProperty::date, "2001-03"));
    CHECK(has_relation(r, title, Property::about, "Anton Brask"));
    CHECK(has_relation(r, title, Property::about, "Grey Steppe"));
    // "September/October 1999" starts in September.
    CHECK(has_attribute(r, "Valdoria and Her Harbours", DataProperty::date, "1999-09"));
    CHECK(has_relation(r, "The Steppe Review", Property::basedIn, "Newtown"));
    // A work named after its issuer.
    CHECK(has_relation(r, "Security Directorate Yearbook: Grey Steppe", Property::issuedBy, "Security Directorate"));
    CHECK(has_relation(r, "Security Directorate Yearbook: Grey Steppe", Property::about, "Grey Steppe"));
    CHECK(has_attribute(r, "Security Directorate Yearbook: Grey Steppe", DataProperty::date, "1999"));
    // Group headings are no entries; URLs are no names.
    CHECK(find_entity(r, "Articles") == nullptr);
    CHECK(std::none_of(r.entities.begin(), r.entities.end(),
                       [](const auto& e) { return e.label.find("example") != std::string::npos; }));
  }

  TEST_CASE("an entry led by an inverted name gives the person's position and the item they sent") {
    auto ex = make_extractor("references-person");
    auto r = run_text(ex, kResponse);
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "Harbour Master"));
    const std::string letter = "Letter from Anton Brask of 4 June 2002";
    auto* l = find_entity(r, letter);
    REQUIRE(l != nullptr);
    CHECK(l->key.cls == Class::Document);
    CHECK(has_relation(r, letter, Property::author, "Anton Brask"));
    CHECK(has_relation(r, letter, Property::addressedTo, "Security Directorate"));
    CHECK(has_attribute(r, letter, DataProperty::date, "2002-06-04"));
  }

  TEST_CASE("report codes are documents with their code, and the title line's code updates the older one") {
    auto ex = make_extractor("reportcodes");
    auto r = run_text(ex, kResponse);
    CHECK(has_attribute(r, "ABC12345.E", DataProperty::identifier, "ABC12345.E"));
    CHECK(has_attribute(r, "XYZ9876.E", DataProperty::identifier, "XYZ9876.E"));
    CHECK(has_relation(r, "ABC12345.E", Property::supersedes, "XYZ9876.E"));
    CHECK_FALSE(has_relation(r, "XYZ9876.E", Property::supersedes, "ABC12345.E"));
    CHECK(has_attribute(r, "XYZ9876.E", DataProperty::date, "1999-05-03"));
    CHECK(has_relation(r, "ABC12345.E", Property::about, "Port Vessel"));
  }

  TEST_CASE("without a reference heading, lines are not read as reference entries") {
    auto ex = make_extractor("noreferences");
    auto r = run_text(ex, prose("The Harbour Gazette [Port Vessel] wrote about the winter."));
    CHECK_FALSE(has_relation(r, "The Harbour Gazette", Property::basedIn, "Port Vessel"));
  }
}

TEST_SUITE("extract::ArticleHeader") {
  using kg::ontology::DataProperty;

  // A made-up scraped page: masthead, menu, the article's header, a byline and prose.
  const std::string kPage =
      "The Harbour Gazette\n\nNews\n  • Politics\n  • Weather\n  • Sport\n\nAnton Brask\nThe Winter the Ferries Stopped\n"
      "Posted : 2019-02-11 08:30\nUpdated : 2019-02-11 09:00\n\n" +
      kg::test::prose("The ferries between Port Vessel and Newtown stopped for six weeks in the winter of 2018.") +
      kg::test::prose("Fishermen in Port Vessel said that nobody remembered such a long winter.") +
      "\nThe Harbour Gazette\n";

  TEST_CASE("the header lines name the article, its author, date and site") {
    auto ex = make_extractor("articleheader");
    auto r = run_text(ex, kPage);
    const std::string title = "The Winter the Ferries Stopped";
    auto* a = find_entity(r, title);
    REQUIRE(a != nullptr);
    CHECK(a->key.cls == Class::Publication);
    auto* site = find_entity(r, "The Harbour Gazette");
    REQUIRE(site != nullptr);
    CHECK(site->key.cls == Class::Organization);
    CHECK(has_relation(r, title, Property::issuedBy, "The Harbour Gazette"));
    CHECK(has_relation(r, title, Property::author, "Anton Brask"));
    CHECK(has_attribute(r, title, DataProperty::date, "2019-02-11"));
    CHECK(find_entity(r, "Politics") == nullptr);  // the menu stays chrome
  }

  TEST_CASE("a page without a posted line has no article header") {
    auto ex = make_extractor("noheader");
    std::string page = kPage;
    page.replace(page.find("Posted : 2019-02-11 08:30\nUpdated : 2019-02-11 09:00\n"), 51, "");
    auto r = run_text(ex, page);
    CHECK(find_entity(r, "The Winter the Ferries Stopped") == nullptr);
  }
}

TEST_SUITE("extract::BorderPhrases") {
  TEST_CASE("a border named by two demonyms or combining forms makes the places border each other") {
    auto ex = make_extractor("borders");
    auto r = run_text(ex, prose("Valdoria and North Korea guard the Valdoria\u2013North Korea border closely.") +
                              prose("Patrols watch the North Korea-Valdorian border at night.") +
                              prose("Nobody crosses the Valdorian-Ostravan border in winter."));
    CHECK(has_relation(r, "Valdoria", Property::borders, "North Korea"));
    CHECK(find_entity(r, "North Korea-Valdorian border") != nullptr);  // a name and a demonym
    auto* b = find_entity(r, "Valdoria\u2013North Korea border");
    REQUIRE(b != nullptr);
    CHECK(b->key.cls == Class::Region);
    // "Ostravan" names no place of the document: no relation, no border entity.
    CHECK(find_entity(r, "Valdorian-Ostravan border") == nullptr);
  }
}

TEST_SUITE("extract::LongerNames") {
  TEST_CASE("a known name followed by capitalised words ending in a head cue is part of the longer name") {
    auto ex = make_extractor("longernames");
    auto r = run_text(ex, prose("The North Korea Fishermen Union met in the Grey Steppe Region last year.") +
                              prose("North Korea Anton Brask said nothing."));
    auto* u = find_entity(r, "North Korea Fishermen Union");
    REQUIRE(u != nullptr);
    CHECK(u->key.cls == Class::Organization);
    auto* g = find_entity(r, "Grey Steppe Region");
    REQUIRE(g != nullptr);
    CHECK(g->key.cls == Class::Region);
    // Without a head cue at the end, the known name stays apart.
    CHECK(find_entity(r, "Anton Brask") != nullptr);
  }
}

TEST_SUITE("extract::EventPhrases") {
  TEST_CASE("an event noun with 'of' and a name or years, and a capitalised modifier, names an event") {
    auto ex = make_extractor("eventphrases");
    auto r = run_text(ex, prose("After the dissolution of the Ostrava Union the harbour was quiet.") +
                              prose("Many died in the Valdorian famine of 1931\u201333 and in the siege of Port Vessel.") +
                              prose("The occupation of the old lighthouse lasted a week."));
    auto* d = find_entity(r, "dissolution of the Ostrava Union");
    REQUIRE(d != nullptr);
    CHECK(d->key.cls == Class::Event);
    CHECK(find_entity(r, "Valdorian famine of 1931\u201333") != nullptr);
    CHECK(find_entity(r, "siege of Port Vessel") != nullptr);
    CHECK(find_entity(r, "occupation of the old lighthouse") == nullptr);  // no name after "of"
    auto r2 = run_text(ex, prose("The collapse of Valdoria's fisheries ruined the coast."));
    CHECK(find_entity(r2, "collapse of Valdoria") == nullptr);  // a possessive: the fisheries collapsed
  }

  TEST_CASE("a year between 'the' and an event's name belongs to the name") {
    auto ex = make_extractor("yearevent");
    auto r = run_text(ex, prose("The 1926 Deportation of Valdorians emptied the villages near Port Vessel.") +
                              prose("In 1930 Great Drainage works began."));
    CHECK(find_entity(r, "1926 Deportation of Valdorians") != nullptr);
    CHECK(find_entity(r, "1930 Great Drainage") == nullptr);  // a known event keeps its name
  }
}

TEST_SUITE("extract::PlaceBased") {
  TEST_CASE("'<place>-based' names the place and the body after it is based there") {
    auto ex = make_extractor("placebased");
    auto r = run_text(ex, prose("The Newtown-based Harbour Bureau published the tide tables for the coast."));
    auto* bureau = find_entity(r, "Harbour Bureau");
    REQUIRE(bureau != nullptr);
    CHECK(bureau->key.cls == Class::GovernmentBody);
    CHECK(has_relation(r, "Harbour Bureau", Property::basedIn, "Newtown"));
    CHECK(find_entity(r, "Newtown")->alt_labels.count("Newtown-based") == 0);
  }
}

TEST_SUITE("extract::PersonNames") {
  TEST_CASE("a known full name that the text continues with another name word is a different person") {
    auto ex = make_extractor("personcontinued");
    auto r = run_text(ex, prose("Professor Anton Brask Velde received a medal, and Anton Brask congratulated him."));
    auto* v = find_entity(r, "Anton Brask Velde");
    REQUIRE(v != nullptr);
    CHECK(v->key.cls == Class::Person);
    REQUIRE(find_entity(r, "Anton Brask") != nullptr);
    CHECK(find_entity(r, "Anton Brask")->key != v->key);
  }
}

TEST_SUITE("extract::Chunks") {
  TEST_CASE("a list of names before a plural unit word is a list of units") {
    auto ex = make_extractor("unitlist");
    auto r = run_text(ex, prose("The settlers lived in the Kessin, Marrow and Hollin regions of the coast."));
    for (const char* name : {"Kessin", "Marrow", "Hollin"}) {
      auto* e = find_entity(r, name);
      REQUIRE_MESSAGE(e != nullptr, name);
      CHECK(e->key.cls == Class::Region);
    }
  }

  TEST_CASE("a title after a possessor starts a person's name") {
    auto ex = make_extractor("possessortitle");
    auto r = run_text(ex, prose("The ceremony was opened by Newtown's Chairman Ilse Varn and the harbour master."));
    auto* p = find_entity(r, "Ilse Varn");
    REQUIRE(p != nullptr);
    CHECK(p->key.cls == Class::Person);
  }

  TEST_CASE("a demonym before a known body's name names another body") {
    auto ex = make_extractor("demonymbody");
    auto r = run_text(ex, prose("They said the Valdorian Security Directorate met the Security Directorate."));
    auto* v = find_entity(r, "Valdorian Security Directorate");
    REQUIRE(v != nullptr);
    CHECK(v->key.cls == Class::GovernmentBody);
    REQUIRE(find_entity(r, "Security Directorate") != nullptr);
    CHECK(find_entity(r, "Security Directorate")->key != v->key);
  }
}

TEST_SUITE("extract::ListsOfWorks") {
  TEST_CASE("a listed work is written by the persons after 'by' and is about the person its kind word names") {
    auto ex = make_extractor("works");
    auto r = run_text(ex, prose("The library keeps these books about the coast.") +
                              "\n  \u2022 Harbour Nights, by Ilse Varn, a 2012 biography of Anton Brask, the harbour master.\n"
                              "  \u2022 Salt and Stone: My Years at Sea, a 2015 autobiography of Anton Brask, a sailor.\n");
    CHECK(has_relation(r, "Harbour Nights", Property::author, "Ilse Varn"));
    CHECK(has_relation(r, "Harbour Nights", Property::about, "Anton Brask"));
    CHECK_FALSE(has_relation(r, "Harbour Nights", Property::author, "Anton Brask"));
    CHECK(has_relation(r, "Salt and Stone: My Years at Sea", Property::author, "Anton Brask"));
    CHECK(has_relation(r, "Salt and Stone: My Years at Sea", Property::about, "Anton Brask"));
  }
}

TEST_SUITE("extract::PersonPhrases") {
  using kg::ontology::DataProperty;

  TEST_CASE("offices in apposition, before the name in lower case, after 'became', and a body's possessive") {
    auto ex = make_extractor("personphrases");
    auto r = run_text(ex, prose("Anton Brask, a professor of marine history, wrote the first report.") +
                              prose("Ilse Varn, Professor at the Newtown University, agreed with him.") +
                              prose("The prize went to chairman of a fishing cooperative Anton Brask.") +
                              prose("Anton Brask became the new Valdorian President in 1990.") +
                              prose("Critics of Newtown University's Ilse Varn were few."));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "professor of marine history"));
    CHECK(has_attribute(r, "Ilse Varn", DataProperty::position, "Professor"));
    CHECK(has_relation(r, "Ilse Varn", Property::affiliatedWith, "Newtown University"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "chairman of a fishing cooperative"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "Valdorian President"));
    auto r3 = run_text(ex, prose("Critics of the Security Directorate's Anton Brask were few."));
    CHECK(has_relation(r3, "Anton Brask", Property::affiliatedWith, "Security Directorate"));
    // An honorific is no position.
    auto r2 = run_text(ex, prose("Mr Anton Brask, a man of few words, said nothing."));
    CHECK_FALSE(has_attribute(r2, "Anton Brask", DataProperty::position, "Mr"));
    CHECK_FALSE(has_attribute(r2, "Anton Brask", DataProperty::position, "man of few words"));
  }
}

TEST_SUITE("extract::Offices") {
  TEST_CASE("a body named before the title word: its leader is also a member") {
    auto ex = make_extractor("officemodifier");
    auto r = run_text(ex, prose("The report was signed by Security Directorate chairman Anton Brask in spring."));
    CHECK(has_relation(r, "Anton Brask", Property::leaderOf, "Security Directorate"));
    CHECK(has_relation(r, "Anton Brask", Property::memberOf, "Security Directorate"));
  }
}

TEST_SUITE("extract::BodyPhrases") {
  TEST_CASE("a demonym and kind words before a body, or in apposition to it, give its seat") {
    auto ex = make_extractor("bodyphrases");
    auto r = run_text(ex, prose("Valdoria is a small country. The Valdorian secret police, the Security Directorate, "
                                "watched the harbour."));
    CHECK(has_relation(r, "Security Directorate", Property::basedIn, "Valdoria"));
    auto r2 = run_text(ex, prose("Valdoria is a small country. The Valdorian fishermen met the Security Directorate."));
    CHECK_FALSE(has_relation(r2, "Security Directorate", Property::basedIn, "Valdoria"));
  }
}

TEST_SUITE("extract::PlaceNames") {
  TEST_CASE("'in' joins a body's name to its place, not a place's name to where it lies") {
    auto ex = make_extractor("placein");
    auto r = run_text(ex, prose("The boat reached Vessel Port in the Grey Steppe Region before dawn.") +
                              prose("The Ministry of Fisheries in Valdoria protested."));
    CHECK(find_entity(r, "Vessel Port") != nullptr);
    CHECK(find_entity(r, "Grey Steppe Region") != nullptr);
    CHECK(find_entity(r, "Vessel Port in the Grey Steppe Region") == nullptr);
    CHECK(find_entity(r, "Ministry of Fisheries in Valdoria") != nullptr);
  }

  TEST_CASE("a list item's link to another language's article is no part of the title") {
    auto ex = make_extractor("langtag");
    auto r = run_text(ex, prose("Films about the coast:") + "\n  \u2022 Harbour Lights [ko] \u2013 2019 documentary about Anton Brask and the fishermen of the old "
                                                         "harbour in the long winter;\n");
    CHECK(find_entity(r, "Harbour Lights") != nullptr);
    CHECK(find_entity(r, "Harbour Lights Ko") == nullptr);
  }
}

TEST_SUITE("extract::UnknownPlaces") {
  TEST_CASE("an unknown name right after a multi-word trigger of movement is a place, not after a bare one") {
    auto ex = make_extractor("unknownplace");
    auto r = run_text(ex, prose("The Valdorians fled to Kessinvale after the war.") +
                              prose("Anton Brask spoke to Harbourmen about the war."));
    auto* k = find_entity(r, "Kessinvale");
    REQUIRE(k != nullptr);
    CHECK(k->key.cls == Class::Settlement);
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Kessinvale"));
    CHECK(find_entity(r, "Harbourmen") == nullptr);
  }
}

TEST_SUITE("extract::PartOfChains") {
  TEST_CASE("part_of rows chain (a town in its region in its country), and an ambiguous name needs one sentence") {
    auto ex = make_extractor("partofchain");
    auto r = run_text(ex, prose("Ferries left Newtown every morning.") + prose("Valdoria is a small country.") +
                              prose("The Ostrava Union is far away.") + prose("Fishermen from the Kessin region sailed."));
    CHECK(has_relation(r, "Newtown", Property::locatedIn, "Valdoria"));  // through the Grey Steppe
    REQUIRE(find_entity(r, "Kessin region") != nullptr);
    CHECK_FALSE(has_relation(r, "Kessin region", Property::locatedIn, "Valdoria"));
    auto r2 = run_text(ex, prose("Fishermen from the Kessin region of Valdoria sailed."));
    CHECK(has_relation(r2, "Kessin region", Property::locatedIn, "Valdoria"));
  }
}

TEST_SUITE("extract::DocumentDates") {
  TEST_CASE("a date opening the sentence after a few words dates the document it signs") {
    auto ex = make_extractor("docdates");
    auto r = run_text(ex, prose("Finally, on 3 May 1931, Valdoria signed the Harbour Protocol with its neighbours."));
    CHECK(has_attribute(r, "Harbour Protocol", kg::ontology::DataProperty::date, "1931-05-03"));
  }
}

TEST_SUITE("extract::NameContainers") {
  TEST_CASE("a name ending with a listed suffix lies in the listed place when the document names it") {
    auto ex = make_extractor("namecontainers");
    auto r = run_text(ex, prose("The Amber Coast Region is quiet in winter.") + prose("Valdoria is a small country."));
    CHECK(has_relation(r, "Amber Coast Region", Property::locatedIn, "Valdoria"));
    auto r2 = run_text(ex, prose("The Amber Coast Region is quiet in winter."));
    CHECK(r2.relations.empty());  // Valdoria is not named: nothing is added
  }
}

TEST_SUITE("extract::UnitsAndEventRoles") {
  TEST_CASE("a body named after another body and more words is its unit, not when 'of <place>' follows") {
    auto ex = make_extractor("unitnames");
    auto r = run_text(ex, prose("The Security Directorate Harbour Bureau reported to the Security Directorate.") +
                              prose("The Ministry of Fisheries of Valdoria and the Ministry of Fisheries met."));
    CHECK(has_relation(r, "Security Directorate Harbour Bureau", Property::partOf, "Security Directorate"));
    CHECK_FALSE(has_relation(r, "Ministry of Fisheries of Valdoria", Property::partOf, "Ministry of Fisheries"));
  }

  TEST_CASE("an event phrase happened in the place after 'of' and spans the years after it") {
    auto ex = make_extractor("eventroles");
    auto r = run_text(ex, prose("After the dissolution of the Ostrava Union the harbour was quiet.") +
                              prose("Many died in the Valdorian famine of 1931\u201333 on the coast."));
    CHECK(has_relation(r, "dissolution of the Ostrava Union", Property::location, "Ostrava Union"));
    CHECK(has_attribute(r, "Valdorian famine of 1931\u201333", kg::ontology::DataProperty::startDate, "1931"));
    CHECK(has_attribute(r, "Valdorian famine of 1931\u201333", kg::ontology::DataProperty::endDate, "1933"));
  }
}

TEST_SUITE("extract::DocumentSubjects") {
  TEST_CASE("a document that orders or allows something about a group is about it") {
    auto ex = make_extractor("docsubjects");
    auto r = run_text(ex, prose("On 3 May 1931 the Harbour Protocol allowed the Valdorians to fish near Port Vessel.") +
                              prose("The Harbour Protocol was printed in Newtown, where the Valdorians lived."));
    CHECK(has_relation(r, "Harbour Protocol", Property::about, "Valdorians"));
    const auto n = std::count_if(r.relations.begin(), r.relations.end(), [](const kg::extract::Relation& rel) {
      return rel.property == Property::about && rel.evidence.rule == "relations:document-subject";
    });
    CHECK(n == 1);  // "printed" orders nothing
  }
}

TEST_SUITE("extract::UnnamedDocumentIssuers") {
  TEST_CASE("an unnamed document is named and issued by the body that issues it or is named in it") {
    auto ex = make_extractor("unnamedissuer");
    auto r = run_text(ex, prose("On 2 May 1931, the Security Directorate issued a decree that closed the harbour.") +
                              prose("On 5 June 1932, a Security Directorate decree opened the harbour again."));
    auto* d1 = find_entity(r, "Decree of the Security Directorate of 2 May 1931");
    REQUIRE(d1 != nullptr);
    CHECK(d1->key.cls == Class::LegalInstrument);
    CHECK(has_relation(r, "Security Directorate Decree of 5 June 1932", Property::issuedBy, "Security Directorate"));
  }
}

TEST_SUITE("extract::PurposePhrases") {
  TEST_CASE("'for' after a name's head word starts a title's purpose when a longer phrase follows") {
    auto ex = make_extractor("purpose");
    auto r = run_text(ex, prose("The Harbour Protocol between the Security Directorate and the Coast Guard Bureau for "
                                "Mutual Help in Fishing Matters was signed in Newtown.") +
                              prose("The Sea Rescue Bureau for Coastal Safety (SRBCS) answered."));
    CHECK(find_entity(r, "Coast Guard Bureau") != nullptr);
    CHECK(find_entity(r, "Coast Guard Bureau for Mutual Help") == nullptr);
    CHECK(find_entity(r, "Sea Rescue Bureau for Coastal Safety") != nullptr);
  }
}

TEST_SUITE("extract::FrameReach") {
  TEST_CASE("a place marker far after the trigger, or behind another verb, belongs to another clause") {
    auto ex = make_extractor("framereach");
    const std::string head = "Deportation of the Valdorians\n\nInfobox\n- Title: Deportation of the Valdorians\n\n";
    const std::string ev = "Deportation of the Valdorians";
    auto r = run_text(ex, head + prose("In 1950 the Valdorians were deported from Newtown to the Grey Steppe."));
    CHECK(has_relation(r, ev, Property::destination, "Grey Steppe"));
    auto r2 = run_text(ex, head + prose("In 1950 the Valdorians were deported, and with the years the families of the "
                                        "coast slowly lost their old right to return to Port Vessel."));
    CHECK(find_entity(r2, "Port Vessel") != nullptr);
    CHECK_FALSE(has_relation(r2, ev, Property::destination, "Port Vessel"));
  }
}

TEST_SUITE("extract::StatisticsAbout") {
  TEST_CASE("a number a census counted is about what it counted, not about the census") {
    auto ex = make_extractor("censusabout");
    auto r = run_text(ex, prose("The 1926 Harbour Census enumerated 12,000 Valdorians in Port Vessel."));
    REQUIRE(find_entity(r, "1926 Harbour Census") != nullptr);
    CHECK(find_entity(r, "1926 Harbour Census")->key.cls == Class::Event);
    bool about_group = false, about_census = false;
    for (const auto& rel : r.relations)
      if (rel.property == Property::about && rel.subject.cls == Class::Statistic) {
        about_group = about_group || rel.object == find_entity(r, "Valdorians")->key;
        about_census = about_census || rel.object.cls == Class::Event;
      }
    CHECK(about_group);
    CHECK_FALSE(about_census);
  }
}

TEST_SUITE("extract::OfficePhrases") {
  TEST_CASE("an office phrase before another person's name is not the first person's") {
    auto ex = make_extractor("officephrase");
    auto r = run_text(ex, prose("The letter was read by Anton Brask and professor at the Security Directorate Ode Brin."));
    CHECK_FALSE(has_relation(r, "Anton Brask", Property::affiliatedWith, "Security Directorate"));
    auto r2 = run_text(ex, prose("The letter was read by Anton Brask, professor at the Security Directorate."));
    CHECK(has_relation(r2, "Anton Brask", Property::affiliatedWith, "Security Directorate"));
  }
}

TEST_SUITE("extract::KoreanNames") {
  TEST_CASE("Korean names in Western order, and a person named before ', a <demonym> <title>'") {
    auto ex = make_extractor("koreannames");
    auto r = run_text(ex, prose("The ministry invited Min-seo Pak and Ha Eun Kim to the harbour of Port Vessel.") +
                              prose("The mayor met Tarvo Lindqvist, a Valdorian professor, in Newtown."));
    for (const char* name : {"Min-seo Pak", "Ha Eun Kim", "Tarvo Lindqvist"}) {
      auto* p = find_entity(r, name);
      REQUIRE_MESSAGE(p != nullptr, name);
      CHECK(p->key.cls == Class::Person);
    }
  }
}

TEST_SUITE("extract::UnnamedDocumentAuthors") {
  TEST_CASE("'a letter sent by <person>, dated …' is named after its author and written by them") {
    auto ex = make_extractor("letterauthor");
    auto r = run_text(ex, prose("A letter sent by the harbour master Anton Brask, dated 4 June 1932, closed the port."));
    const std::string name = "Letter by Anton Brask of 4 June 1932";
    REQUIRE(find_entity(r, name) != nullptr);
    CHECK(find_entity(r, name)->key.cls == Class::Document);
    CHECK(has_relation(r, name, Property::author, "Anton Brask"));
  }
}

TEST_SUITE("extract::YearAndCompoundNames") {
  TEST_CASE("a year or a hyphenated pair of peoples before a lower-case event or instrument word names it") {
    auto ex = make_extractor("yearcompound");
    auto r = run_text(ex, prose("The 1926 census counted the fishermen, long after the Valdorian-Korean protocol was signed."));
    auto* c = find_entity(r, "1926 census");
    REQUIRE(c != nullptr);
    CHECK(c->key.cls == Class::Event);
    auto* p = find_entity(r, "Valdorian-Korean protocol");
    REQUIRE(p != nullptr);
    CHECK(p->key.cls == Class::LegalInstrument);
    auto r2 = run_text(ex, prose("In 1926 census takers came to Port Vessel."));
    CHECK(find_entity(r2, "1926 census") == nullptr);  // no article: not a name
  }
}

TEST_SUITE("extract::NamesOfState") {
  using kg::ontology::DataProperty;

  TEST_CASE("state bodies named with their country, places named '… of <place>', offices without their country") {
    auto ex = make_extractor("namesofstate");
    auto r = run_text(ex, prose("Valdoria is small. The Valdoria Harbour Bureau and the Royal Valdorian Tide Bureau "
                                "watch the Three Coastal Regions of Valdoria.") +
                              prose("Valdorian president Anton Brask opened the harbour."));
    CHECK(has_relation(r, "Valdoria Harbour Bureau", Property::basedIn, "Valdoria"));
    CHECK(has_relation(r, "Royal Valdorian Tide Bureau", Property::basedIn, "Valdoria"));
    CHECK(has_relation(r, "Three Coastal Regions of Valdoria", Property::locatedIn, "Valdoria"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "Valdorian president"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "president"));
  }
}

TEST_SUITE("extract::ChromeParagraphs") {
  TEST_CASE("a long paragraph that repeats its first words is prose, not a doubled headline") {
    auto ex = make_extractor("longpara");
    // The first words come back a third of the way in, as in a glued "headline headline".
    std::string para = "Port Vessel harbour was closed in winter, and the fishermen of the coast waited for many long "
                       "weeks for the ice to break, for the wind to turn and for the boats to be free again, as they "
                       "had waited in other winters. Port Vessel harbour opened in spring, when the Security "
                       "Directorate allowed the boats to leave, and the people of the town remembered that winter "
                       "for a long time afterwards, as the old records of the harbour show in some detail.\n";
    const std::string body = para.substr(0, para.size() - 1);
    const auto again = body.find("Port Vesse", body.size() / 3);
    REQUIRE(body.size() > 400);
    REQUIRE(again != std::string::npos);
    REQUIRE(again <= body.size() / 2 + 16);  // what the headline check looks for
    auto r = run_text(ex, para);
    CHECK(find_entity(r, "Security Directorate") != nullptr);
  }
}

TEST_SUITE("extract::CompassAndOffices") {
  using kg::ontology::DataProperty;

  TEST_CASE("'the North' is the one country named North …, a title opening a name is a position") {
    auto ex = make_extractor("compass");
    auto r = run_text(ex, prose("North Korea closed its border, and the Valdorians fled to the North in spring.") +
                              prose("Later President Anton Brask visited the North Korean coast."));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "North Korea"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "President"));
    auto r2 = run_text(ex, prose("The Valdorians fled to the North in spring."));  // no such country named
    CHECK(std::none_of(r2.relations.begin(), r2.relations.end(),
                       [](const auto& rel) { return rel.property == Property::migratedTo; }));
  }

  TEST_CASE("a two-word demonym before a leader's title names the country led") {
    auto ex = make_extractor("twowordleader");
    auto r = run_text(ex, prose("North Korea signed. North Korean president Anton Brask spoke."));
    CHECK(has_relation(r, "Anton Brask", Property::leaderOf, "North Korea"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "North Korean president"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "president"));
  }
}

TEST_SUITE("extract::PossessivesAndBorders") {
  TEST_CASE("a place's possessive places a region or body, 'the border between A and B'") {
    auto ex = make_extractor("possessives");
    auto r = run_text(ex, prose("Valdoria's two Grey Steppe regions are dry, and Valdoria's Security Directorate "
                                "patrols the border between Valdoria and North Korea."));
    CHECK(has_relation(r, "Security Directorate", Property::basedIn, "Valdoria"));
    CHECK(has_relation(r, "Valdoria", Property::borders, "North Korea"));
    auto r2 = run_text(ex, prose("The Security Directorate patrols the border of Valdoria and the coast of North Korea."));
    CHECK(std::none_of(r2.relations.begin(), r2.relations.end(),
                       [](const auto& rel) { return rel.property == Property::borders; }));
  }
}

TEST_SUITE("extract::InfoboxValues") {
  TEST_CASE("infobox values of a one-class key name entities, and heading and infobox title are one entity") {
    auto ex = make_extractor("infoboxvalues");
    std::string text = "Deportation of the Valdorians in Valdoria\n\nInfobox\n- Title: Deportation of the Valdorians\n"
                       "- Partof: Great Coastal Resettlement in Valdoria and Harbour Purges of the Security Directorate\n\n" +
                       prose("In 1950 the Valdorians were deported from Port Vessel to the Grey Steppe.");
    auto r = run_text(ex, text);
    auto* a = find_entity(r, "Great Coastal Resettlement in Valdoria");
    REQUIRE(a != nullptr);
    CHECK(a->key.cls == Class::Event);
    CHECK(has_relation(r, "Great Coastal Resettlement in Valdoria", Property::location, "Valdoria"));
    REQUIRE(find_entity(r, "Harbour Purges of the Security Directorate") != nullptr);
    CHECK(find_entity(r, "Security Directorate") != nullptr);  // the name inside stays
    const auto events = std::count_if(r.entities.begin(), r.entities.end(), [](const auto& e) {
      return e.key.cls == Class::Event && e.label.find("Deportation") != std::string::npos;
    });
    CHECK(events == 1);  // heading and infobox title name one event
  }
}

TEST_SUITE("extract::EventReferences") {
  TEST_CASE("'the deportation' refers to the latest event named with that word") {
    auto ex = make_extractor("eventrefs");
    auto r = run_text(ex, prose("The Deportation of the Valdorians began in 1950.") +
                              prose("The Harbour Protocol ordered the deportation of the fishermen of Port Vessel."));
    REQUIRE(find_entity(r, "Deportation of the Valdorians") != nullptr);
    bool ordered = std::any_of(r.relations.begin(), r.relations.end(), [&](const kg::extract::Relation& rel) {
      return rel.property == Property::authorizes && rel.object == find_entity(r, "Deportation of the Valdorians")->key;
    });
    CHECK(ordered);
  }
}

TEST_SUITE("extract::FrameGroups") {
  TEST_CASE("far from the trigger, a place marker right after a group still fills the event's role") {
    auto ex = make_extractor("framegroups");
    const std::string head = "Deportation of the Valdorians\n\nInfobox\n- Title: Deportation of the Valdorians\n\n";
    auto r = run_text(ex, head + prose("In the second phase many were deported, and starting in the spring of 1950 the "
                                       "officials widened their search to find Valdorians from Newtown and Port Vessel."));
    CHECK(has_relation(r, "Deportation of the Valdorians", Property::origin, "Newtown"));
    CHECK(has_relation(r, "Deportation of the Valdorians", Property::origin, "Port Vessel"));
  }
}

TEST_SUITE("extract::TheyAndLists") {
  using kg::ontology::DataProperty;

  TEST_CASE("'They' goes on about the last group of the sentence before, and an office may hold a demonym") {
    auto ex = make_extractor("they");
    auto r = run_text(ex, prose("After the war many Valdorians were leaving the coast. They fled to Newtown.") +
                              prose("The letter of the chief of the Valdorian harbour police Anton Brask was read."));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Newtown"));
    CHECK(has_attribute(r, "Anton Brask", DataProperty::position, "chief of the Valdorian harbour police"));
    auto r2 = run_text(ex, prose("They fled to Newtown in the spring."));  // no group before: nothing
    CHECK(std::none_of(r2.relations.begin(), r2.relations.end(),
                       [](const auto& rel) { return rel.property == Property::migratedTo; }));
  }
}

TEST_SUITE("extract::QuotedKindsAndCounts") {
  TEST_CASE("a kind word before a quoted title gives its class, and counted destinations continue a frame") {
    auto ex = make_extractor("quotedkinds");
    const std::string head = "Deportation of the Valdorians\n\nInfobox\n- Title: Deportation of the Valdorians\n\n";
    auto r = run_text(ex, head + prose("Valdoria issued a decree \"On the Return of the Coastal Families\" in 1960.") +
                              prose("In all, 1,200 people were transferred to Newtown; 800 to the Grey Steppe."));
    auto* d = find_entity(r, "On the Return of the Coastal Families");
    REQUIRE(d != nullptr);
    CHECK(d->key.cls == Class::LegalInstrument);
    CHECK(std::none_of(r.entities.begin(), r.entities.end(),
                       [](const auto& e) { return e.label.rfind("Decree of", 0) == 0; }));
    CHECK(has_relation(r, "Deportation of the Valdorians", Property::destination, "Newtown"));
    CHECK(has_relation(r, "Deportation of the Valdorians", Property::destination, "Grey Steppe"));
  }
}

TEST_SUITE("extract::HyphenBordersAndHomeEvents") {
  TEST_CASE("a hyphen splits a border's peoples, and a people's census happens in its country") {
    auto ex = make_extractor("hyphenborders");
    auto r = run_text(ex, prose("Korea and Valdoria met. The Valdorian-Korean border was closed.") +
                              prose("The 1930 Valdorian Census counted the fishermen."));
    CHECK(has_relation(r, "Valdoria", Property::borders, "Korea"));
    CHECK(has_relation(r, "1930 Valdorian Census", Property::location, "Valdoria"));
  }
}

TEST_SUITE("extract::Republics") {
  TEST_CASE("an autonomous or socialist republic is a region") {
    auto ex = make_extractor("republics");
    auto r = run_text(ex, prose("The families came from the Amber Autonomous Socialist Republic in the north."));
    auto* a = find_entity(r, "Amber Autonomous Socialist Republic");
    REQUIRE(a != nullptr);
    CHECK(a->key.cls == Class::Region);
  }
}

TEST_SUITE("extract::MoreDocumentDates") {
  TEST_CASE("'dated' after a document's phrase, and a year opening a document's name, date it") {
    auto ex = make_extractor("moredocdates");
    auto r = run_text(ex, prose("The Harbour Protocol, read aloud in Newtown to many captains, dated 4 June 1932, closed the port.") +
                              prose("The 1931 Fishing Decree was forgotten."));
    CHECK(has_attribute(r, "Harbour Protocol", kg::ontology::DataProperty::date, "1932-06-04"));
    CHECK(has_attribute(r, "1931 Fishing Decree", kg::ontology::DataProperty::date, "1931"));
    auto r2 = run_text(ex, prose("The 1932 Coast Protocol was signed on 4 June 1932 in Newtown."));
    CHECK(has_attribute(r2, "1932 Coast Protocol", kg::ontology::DataProperty::date, "1932-06-04"));
    CHECK_FALSE(has_attribute(r2, "1932 Coast Protocol", kg::ontology::DataProperty::date, "1932"));
  }
}

TEST_SUITE("extract::CountedLists") {
  TEST_CASE("counted lists repeat the trigger, and a report about an event is about it") {
    auto ex = make_extractor("countedlists");
    auto r = run_text(ex, prose("Many Valdorians fled to Newtown; 300 to Port Vessel and 200 to the Grey Steppe.") +
                              prose("The Deportation of the Valdorians began. The Harbour Protocol reported that the "
                                    "deportation was complete."));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Newtown"));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Port Vessel"));
    CHECK(has_relation(r, "Valdorians", Property::migratedTo, "Grey Steppe"));
    CHECK(has_relation(r, "Harbour Protocol", Property::about, "Deportation of the Valdorians"));
  }
}

TEST_SUITE("extract::UnderIts") {
  TEST_CASE("'<body>, under its chairman <person>' and a known body's name before 'of the … Republic'") {
    auto ex = make_extractor("underits");
    auto r = run_text(ex, prose("In 1991 the Security Directorate of the Amber Autonomous Socialist Republic, under its "
                                "chairman Anton Brask, passed the law."));
    const std::string body = "Security Directorate of the Amber Autonomous Socialist Republic";
    auto* b = find_entity(r, body);
    REQUIRE(b != nullptr);
    CHECK(b->key.cls == Class::GovernmentBody);
    CHECK(has_relation(r, "Anton Brask", Property::leaderOf, body));
    CHECK(has_relation(r, "Anton Brask", Property::memberOf, body));
  }
}
