// parse_file / parse_text: raptor2 for Turtle, N-Triples, N-Quads and TriG
// (https://librdf.org/raptor/api/raptor-section-parser.html), the JSON-LD reader of
// readers.hpp for JSON-LD (raptor 2.0.15 has none).
//
// Raptor reports problems through the world's log handler; they become
// Error{Errc::parse, message, Location{file, line, column}} and the first error
// aborts the parse (its message is kept; a follow-up report may only add the line
// and column the first one lacked). Warnings go to the Diagnostics sink.
//
// Blank nodes: Term has no blank-node alternative (kgbuild writes none), so a blank
// node "_:b1" in the input becomes the IRI "urn:kgbuild:bnode:b1" (raptor's label,
// unique within one parse; two parses may reuse a label for different nodes).
#include <raptor2.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "export/export.hpp"
#include "handle.hpp"
#include "readers.hpp"

namespace kg::rdfio {
namespace {

using WorldHandle = detail::Handle<raptor_world, raptor_free_world>;
using ParserHandle = detail::Handle<raptor_parser, raptor_free_parser>;
using UriHandle = detail::Handle<raptor_uri, raptor_free_uri>;

constexpr std::string_view kBnodePrefix = "urn:kgbuild:bnode:";

std::string str(const unsigned char* s, std::size_t len) { return std::string(reinterpret_cast<const char*>(s), len); }
std::string str(raptor_uri* u) { return reinterpret_cast<const char*>(raptor_uri_as_string(u)); }

std::optional<Term> to_term(const raptor_term* t) {
  if (!t) return std::nullopt;
  switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
      return Iri::unchecked(str(t->value.uri));
    case RAPTOR_TERM_TYPE_BLANK:
      return Iri::unchecked(std::string(kBnodePrefix) + str(t->value.blank.string, t->value.blank.string_len));
    case RAPTOR_TERM_TYPE_LITERAL: {
      Literal l;
      l.lexical = str(t->value.literal.string, t->value.literal.string_len);
      if (t->value.literal.datatype) l.datatype = str(t->value.literal.datatype);
      if (t->value.literal.language) l.lang = str(t->value.literal.language, t->value.literal.language_len);
      if (l.datatype == std::string(vocab::kXsd) + "string") l.datatype.clear();  // Literal's convention
      return l;
    }
    case RAPTOR_TERM_TYPE_UNKNOWN:
      break;
  }
  return std::nullopt;
}

struct ParseState {
  Dataset* out;
  std::string file;
  const Diagnostics* diagnostics;
  raptor_parser* parser = nullptr;
  std::optional<Error> error;
};

void on_statement(void* user, raptor_statement* st) {
  auto* ps = static_cast<ParseState*>(user);
  if (ps->error) return;
  auto s = to_term(st->subject);
  auto p = to_term(st->predicate);
  auto o = to_term(st->object);
  if (!s || !p || !o || !std::holds_alternative<Iri>(*s) || !std::holds_alternative<Iri>(*p)) {
    ps->error = make_error(Errc::parse, "statement with a literal subject or predicate", Location{ps->file});
    raptor_parser_parse_abort(ps->parser);
    return;
  }
  Iri g;
  if (auto gt = to_term(st->graph); gt && std::holds_alternative<Iri>(*gt)) g = std::get<Iri>(*gt);
  ps->out->quads.push_back(Quad{std::get<Iri>(*s), std::get<Iri>(*p), std::move(*o), std::move(g)});
}

void on_log(void* user, raptor_log_message* m) {
  auto* ps = static_cast<ParseState*>(user);
  Location where{ps->file};
  if (m->locator) {
    if (raptor_locator_line(m->locator) > 0) where.line = static_cast<std::size_t>(raptor_locator_line(m->locator));
    if (raptor_locator_column(m->locator) > 0)
      where.column = static_cast<std::size_t>(raptor_locator_column(m->locator));
    if (raptor_locator_byte(m->locator) >= 0) where.byte_offset = static_cast<std::size_t>(raptor_locator_byte(m->locator));
  }
  std::string text = m->text ? m->text : "unknown parse error";
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
    if (!ps->error) {
      ps->error = make_error(Errc::parse, text, where);
    } else if (ps->error->where.line == 0 && where.line > 0) {
      // Raptor reports some errors twice, first without a locator ("The namespace
      // prefix in "x:a" was not declared.") then with one ("Failed to convert qname"):
      // keep the first, clearer message at the second's location.
      ps->error->where = where;
    }
    if (ps->parser) raptor_parser_parse_abort(ps->parser);
  } else if (m->level == RAPTOR_LOG_LEVEL_WARN && ps->diagnostics && *ps->diagnostics) {
    (*ps->diagnostics)(Level::warning, where, text);
  }
}

const char* raptor_name(Format f) {
  switch (f) {
    case Format::turtle: return "turtle";
    case Format::ntriples: return "ntriples";
    case Format::nquads: return "nquads";
    case Format::trig: return "trig";
    case Format::jsonld: return nullptr;
  }
  return nullptr;
}

// Feeds chunks to `next(buffer) -> Result<bool more>` until it reports the end.
using Feed = std::function<Result<bool>(std::string& chunk)>;

// `base_file`: the path whose file: URI is the base IRI (relative IRIs resolve
// against it, as rapper does); empty for text in memory, which gets a fixed base.
Result<Dataset> parse_with_raptor(Format format, const std::string& file, const std::string& base_file,
                                  const Diagnostics& diagnostics, const Feed& feed) {
  WorldHandle world(raptor_new_world());
  if (!world) return make_error(Errc::internal, "cannot create a raptor world", Location{file});
  Dataset out;
  ParseState state{&out, file, &diagnostics};
  raptor_world_set_log_handler(world.get(), &state, on_log);
  if (raptor_world_open(world.get()) != 0) return make_error(Errc::internal, "cannot open a raptor world", Location{file});
  ParserHandle parser(raptor_new_parser(world.get(), raptor_name(format)));
  if (!parser)
    return make_error(Errc::internal, "raptor has no parser for " + std::string(name(format)), Location{file});
  state.parser = parser.get();
  raptor_parser_set_statement_handler(parser.get(), &state, on_statement);
  UriHandle base;
  if (!base_file.empty()) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(base_file, ec).string();
    unsigned char* text = ec ? nullptr : raptor_uri_filename_to_uri_string(absolute.c_str());
    if (text) {
      base.reset(raptor_new_uri(world.get(), text));
      raptor_free_memory(text);
    }
  }
  if (!base) base.reset(raptor_new_uri(world.get(), reinterpret_cast<const unsigned char*>("file:///kgbuild-input")));
  if (!base) return make_error(Errc::internal, "raptor cannot make a base URI", Location{file});
  if (raptor_parser_parse_start(parser.get(), base.get()) != 0) {
    if (state.error) return *state.error;
    return make_error(Errc::internal, "raptor cannot start parsing", Location{file});
  }
  std::string chunk;
  bool more = true;
  while (more && !state.error) {
    KG_TRY(more, feed(chunk));
    raptor_parser_parse_chunk(parser.get(), reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size(),
                              more ? 0 : 1);
  }
  if (state.error) return *state.error;
  out.normalise();
  return out;
}

}  // namespace

Result<Dataset> parse_text(std::string_view text, Format format, const std::string& base_name,
                           const Diagnostics& diagnostics) {
  if (format == Format::jsonld) return detail::read_jsonld(text, base_name);
  return parse_with_raptor(format, base_name, "", diagnostics, [&](std::string& chunk) -> Result<bool> {
    chunk.assign(text);
    return false;  // one chunk, which is also the end
  });
}

Result<Dataset> parse_file(const std::string& path, Format format, const Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::io, std::string("cannot open for reading: ") + std::strerror(errno), Location{path});
  if (format == Format::jsonld) {
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return make_error(Errc::io, "read failed", Location{path});
    return detail::read_jsonld(text, path);
  }
  // Streams the file in 64 KiB chunks (constant memory besides the Dataset).
  return parse_with_raptor(format, path, path, diagnostics, [&](std::string& chunk) -> Result<bool> {
    chunk.resize(std::size_t{1} << 16);
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (in.bad()) return make_error(Errc::io, "read failed", Location{path});
    chunk.resize(static_cast<std::size_t>(in.gcount()));
    return !in.eof();
  });
}

}  // namespace kg::rdfio
