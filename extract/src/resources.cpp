#include "resources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "text.hpp"

namespace kg::extract {
namespace {

namespace fs = std::filesystem;

int source_priority(std::string_view source) {
  if (source == "curated") return 3;
  if (source.rfind("iso", 0) == 0) return 2;
  return 1;
}

// Reads the non-comment, non-blank lines of a UTF-8 text file with their numbers.
Result<std::vector<std::pair<std::size_t, std::string>>> read_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot open data file", Location{path.string()});
  std::vector<std::pair<std::size_t, std::string>> out;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.emplace_back(n, line);
  }
  return out;
}

Error line_error(const fs::path& path, std::size_t line, std::string message) {
  return make_error(Errc::parse, std::move(message), Location{path.string(), line, 1});
}

Result<void> load_lexicon(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 4)
      return line_error(path, n, "expected 4 tab-separated columns (class, label, aliases, source), found " +
                                     std::to_string(cols.size()));
    auto cls = ontology::class_from_name(cols[0]);
    if (!cls) return line_error(path, n, "unknown class \"" + std::string(cols[0]) + "\"");
    LexEntry e;
    e.cls = *cls;
    e.label = std::string(text::trim(cols[1]));
    if (e.label.empty()) return line_error(path, n, "empty label");
    if (!cols[2].empty())
      for (auto a : text::split(cols[2], '|'))
        if (auto t = text::trim(a); !t.empty()) e.aliases.emplace_back(t);
    e.source = std::string(cols[3]);
    e.priority = source_priority(e.source);
    r.add_entry(std::move(e));
  }
  return {};
}

Result<void> load_cues(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() < 3)
      return line_error(path, n, "expected columns cue, position, class[, note]");
    std::string cue = text::fold(text::trim(cols[0]));
    std::string_view pos = cols[1];
    std::optional<Class> cls = ontology::class_from_name(text::trim(cols[2]));
    if (pos == "head" || pos == "prefix") {
      if (!cls) return line_error(path, n, "unknown class \"" + std::string(cols[2]) + "\"");
      (pos == "head" ? r.cues.head : r.cues.prefix).emplace(cue, *cls);
    } else if (pos == "title") {
      auto toks = text::split(text::lookup_key(cue), ' ');
      if (toks.size() == 1) r.cues.title.insert(std::string(toks[0]));
      else r.cues.multiword_titles.emplace_back(toks.begin(), toks.end());
    } else if (pos == "group_head") {
      r.cues.group_head.insert(cue);
    } else if (pos == "migrant_head") {
      r.cues.group_head.insert(cue);
      r.cues.migrant_head.insert(cue);
    } else if (pos == "not_name") {
      r.cues.not_name.insert(cue);
    } else {
      return line_error(path, n, "unknown position \"" + std::string(pos) +
                                     "\" (expected head, prefix, title, group_head, migrant_head, not_name)");
    }
  }
  return {};
}

Result<void> load_demonyms(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() < 3) return line_error(path, n, "expected columns demonym, plural, country");
    Demonym d{std::string(text::trim(cols[0])), std::string(text::trim(cols[1])),
              std::string(text::trim(cols[2]))};
    r.demonym_by_adjective.insert_or_assign(text::fold(d.adjective), d);
    if (!d.plural.empty()) r.demonym_by_plural.insert_or_assign(text::fold(d.plural), d);
  }
  return {};
}

Result<void> load_stopwords(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) r.stopwords.insert(text::fold(text::trim(line)));
  return {};
}

Result<void> load_name_shapes(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 2) return line_error(path, n, "expected columns kind, value");
    std::string v = text::fold(text::trim(cols[1]));
    if (cols[0] == "korean_surname") r.korean_surnames.insert(v);
    else if (cols[0] == "chinese_surname") r.chinese_surnames.insert(v);
    else if (cols[0] == "surname_suffix") r.surname_suffixes.push_back(v);
    else return line_error(path, n, "unknown kind \"" + std::string(cols[0]) + "\"");
  }
  return {};
}

Result<std::vector<Class>> parse_classes(const fs::path& path, std::size_t n, std::string_view list) {
  std::vector<Class> out;
  for (auto c : text::split(list, ',')) {
    c = text::trim(c);
    if (c.empty()) continue;
    auto cls = ontology::class_from_name(c);
    if (!cls) return line_error(path, n, "unknown class \"" + std::string(c) + "\"");
    out.push_back(*cls);
  }
  return out;
}

Result<void> load_relation_rules(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 7)
      return line_error(path, n, "expected 7 columns (property, order, subject classes, triggers, "
                                 "object classes, confidence, window), found " + std::to_string(cols.size()));
    RelationRule rule;
    auto p = ontology::property_from_name(cols[0]);
    if (!p) return line_error(path, n, "unknown property \"" + std::string(cols[0]) + "\"");
    rule.property = *p;
    if (cols[1] != "STO" && cols[1] != "OTS") return line_error(path, n, "order must be STO or OTS");
    rule.subject_first = cols[1] == "STO";
    KG_TRY(rule.subject_classes, parse_classes(path, n, cols[2]));
    for (auto t : text::split(cols[3], '|')) {
      std::string key = t == "," ? std::string(",") : text::lookup_key(t);
      if (key.empty()) continue;
      auto toks = text::split(key, ' ');
      rule.triggers.emplace_back(toks.begin(), toks.end());
    }
    KG_TRY(rule.object_classes, parse_classes(path, n, cols[4]));
    rule.confidence = std::stod(std::string(cols[5]));
    rule.window = static_cast<std::uint32_t>(std::stoul(std::string(cols[6])));
    rule.line = n;
    r.relation_rules.push_back(std::move(rule));
  }
  return {};
}

Result<void> load_infobox(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 4) return line_error(path, n, "expected 4 columns (key, property, kind, classes)");
    InfoboxKey k;
    k.property = std::string(cols[1]);
    k.kind = std::string(cols[2]);
    KG_TRY(k.classes, parse_classes(path, n, cols[3]));
    r.infobox.emplace(text::fold(text::trim(cols[0])), std::move(k));
  }
  return {};
}

Result<void> load_frames(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 5) return line_error(path, n, "expected 5 columns (frame, kind, words, property, classes)");
    std::string name(cols[0]);
    auto it = std::find_if(r.frames.begin(), r.frames.end(), [&](const Frame& f) { return f.name == name; });
    if (it == r.frames.end()) {
      r.frames.push_back(Frame{name, {}, {}});
      it = r.frames.end() - 1;
    }
    if (cols[1] == "trigger") {
      for (auto w : text::split(cols[2], '|')) it->triggers.insert(text::fold(text::trim(w)));
      continue;
    }
    if (cols[1] != "after" && cols[1] != "before")
      return line_error(path, n, "kind must be trigger, after or before");
    FrameRole role;
    role.kind = std::string(cols[1]);
    auto p = ontology::property_from_name(cols[3]);
    if (!p) return line_error(path, n, "unknown property \"" + std::string(cols[3]) + "\"");
    role.property = *p;
    KG_TRY(role.classes, parse_classes(path, n, cols[4]));
    if (role.kind == "after")
      for (auto w : text::split(cols[2], '|')) {
        auto key = text::lookup_key(w);
        auto toks = text::split(key, ' ');
        role.markers.emplace_back(toks.begin(), toks.end());
      }
    it->roles.push_back(std::move(role));
  }
  return {};
}

}  // namespace

void Resources::add_entry(LexEntry entry) {
  auto idx = static_cast<std::uint32_t>(entries.size());
  std::vector<std::string> names{entry.label};
  names.insert(names.end(), entry.aliases.begin(), entry.aliases.end());
  for (const auto& name : names) {
    std::string key = text::lookup_key(name);
    if (key.empty()) continue;
    max_name_tokens = std::max<std::size_t>(max_name_tokens,
                                            static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ') + 1));
    if (!name.empty() && static_cast<unsigned char>(name[0]) < 0x80 && name[0] >= 'a' && name[0] <= 'z')
      lowercase_names.insert(key);
    auto& list = by_name[key];
    if (std::find(list.begin(), list.end(), idx) == list.end()) list.push_back(idx);
  }
  entries.push_back(std::move(entry));
  // Keep each list ordered best first: priority, then label for determinism.
  for (const auto& name : names) {
    auto it = by_name.find(text::lookup_key(name));
    if (it == by_name.end()) continue;
    std::stable_sort(it->second.begin(), it->second.end(), [this](std::uint32_t a, std::uint32_t b) {
      if (entries[a].priority != entries[b].priority) return entries[a].priority > entries[b].priority;
      return entries[a].label < entries[b].label;
    });
  }
}

Result<void> load_part_of(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 3 || cols[0].empty() || cols[1].empty())
      return line_error(path, n, "expected columns part names, whole names, source");
    PartOf row;
    for (auto name : text::split(cols[1], '|')) row.whole.push_back(text::lookup_key(name));
    row.source = std::string(text::trim(cols[2]));
    row.line = n;
    const auto index = static_cast<std::uint32_t>(r.part_of.size());
    r.part_of.push_back(std::move(row));
    for (auto name : text::split(cols[0], '|')) r.part_of_by_part[text::lookup_key(name)].push_back(index);
  }
  return {};
}

Result<void> load_name_containers(Resources& r, const fs::path& path) {
  KG_TRY(auto lines, read_lines(path));
  for (const auto& [n, line] : lines) {
    auto cols = text::split(line, '\t');
    if (cols.size() != 2 || text::trim(cols[0]).empty() || text::trim(cols[1]).empty())
      return line_error(path, n, "expected columns name suffix, container label");
    r.name_containers.emplace_back(text::lookup_key(cols[0]), std::string(text::trim(cols[1])), n);
  }
  return {};
}

Result<Resources> Resources::load(const std::string& data_dir) {
  Resources r;
  fs::path dir(data_dir);
  if (!fs::is_directory(dir))
    return make_error(Errc::io, "data folder not found (set KG_DATA_DIR or --data)", Location{data_dir});
  std::vector<fs::path> lexicons;
  if (fs::is_directory(dir / "lexicon"))
    for (const auto& f : fs::directory_iterator(dir / "lexicon"))
      if (f.path().extension() == ".tsv") lexicons.push_back(f.path());
  std::sort(lexicons.begin(), lexicons.end());  // deterministic
  for (const auto& f : lexicons) KG_TRY_VOID(load_lexicon(r, f));
  if (fs::exists(dir / "cues.tsv")) KG_TRY_VOID(load_cues(r, dir / "cues.tsv"));
  std::vector<fs::path> demonym_files;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().filename().string().rfind("demonyms", 0) == 0 && f.path().extension() == ".tsv")
      demonym_files.push_back(f.path());
  std::sort(demonym_files.begin(), demonym_files.end());  // curated (demonyms_curated.tsv) after generated
  for (const auto& f : demonym_files) KG_TRY_VOID(load_demonyms(r, f));
  if (fs::exists(dir / "name_shapes.tsv")) KG_TRY_VOID(load_name_shapes(r, dir / "name_shapes.tsv"));
  if (fs::exists(dir / "relations.tsv")) KG_TRY_VOID(load_relation_rules(r, dir / "relations.tsv"));
  if (fs::exists(dir / "frames.tsv")) KG_TRY_VOID(load_frames(r, dir / "frames.tsv"));
  if (fs::exists(dir / "infobox.tsv")) KG_TRY_VOID(load_infobox(r, dir / "infobox.tsv"));
  if (fs::exists(dir / "stopwords.txt")) KG_TRY_VOID(load_stopwords(r, dir / "stopwords.txt"));
  if (fs::exists(dir / "part_of.tsv")) KG_TRY_VOID(load_part_of(r, dir / "part_of.tsv"));
  if (fs::exists(dir / "name_containers.tsv")) KG_TRY_VOID(load_name_containers(r, dir / "name_containers.tsv"));
  return r;
}

}  // namespace kg::extract
