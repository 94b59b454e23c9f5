// Errors at library boundaries: Result<T> carrying Error{code, message, Location}.
// g++ 12 has no std::expected, so this is a small expected-like type (ccache util/expected).
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kg {

// One list of error kinds for the whole project.
enum class Errc {
  io,          // a file could not be read or written
  encoding,    // bytes are not valid UTF-8 / not text
  parse,       // a syntax error in an input (RDF, JSON, SPARQL, config)
  usage,       // the caller asked for something impossible
  validation,  // data does not conform (SHACL)
  not_found,   // a named thing does not exist
  internal,    // a bug
};

std::string_view to_string(Errc code);

inline constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

// Where a problem is. line/column are 1-based when set (0 = unknown);
// byte_offset is 0-based (npos = unknown).
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t byte_offset = npos;
};

struct Error {
  Errc code = Errc::internal;
  std::string message;
  Location where;

  // GCC style: "file:line:col: error: message" (parts that are unknown are left out;
  // a byte offset is shown as "file: byte N:" when no line is known).
  std::string render() const;
};

// Recoverable failure of one input (skip it) and fatal failure (stop); both are caught
// only in kg::cli::run.
struct ErrorException : std::exception {
  explicit ErrorException(Error e) : error(std::move(e)), text(error.render()) {}
  const char* what() const noexcept override { return text.c_str(); }
  Error error;
  std::string text;
};
struct Fatal : ErrorException {
  using ErrorException::ErrorException;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(m_v); }
  // The value, or throws kg::ErrorException (for top-level code and tests).
  T take() && {
    if (!ok()) throw ErrorException(error());
    return std::get<0>(std::move(m_v));
  }

 private:
  std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}  // NOLINT implicit
  bool ok() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  const Error& error() const { return m_error; }
  void take() && {
    if (!m_ok) throw ErrorException(m_error);
  }

 private:
  Error m_error;
  bool m_ok = true;
};

inline Error make_error(Errc code, std::string message, Location where = {}) {
  return Error{code, std::move(message), std::move(where)};
}

// Propagate an error: KG_TRY(auto x, expr) or KG_TRY_VOID(expr).
#define KG_CONCAT_INNER(a, b) a##b
#define KG_CONCAT(a, b) KG_CONCAT_INNER(a, b)
#define KG_TRY(decl, expr)                              \
  auto KG_CONCAT(kg_try_, __LINE__) = (expr);           \
  if (!KG_CONCAT(kg_try_, __LINE__).ok())               \
    return KG_CONCAT(kg_try_, __LINE__).error();        \
  decl = std::move(KG_CONCAT(kg_try_, __LINE__).value())
#define KG_TRY_VOID(expr)                               \
  do {                                                  \
    auto kg_try_v = (expr);                             \
    if (!kg_try_v.ok()) return kg_try_v.error();        \
  } while (0)

// Diagnostics sink: libraries report warnings and notes here and never print.
enum class Level { note, warning, error };
std::string_view to_string(Level level);
using Diagnostics = std::function<void(Level, const Location&, std::string_view message)>;

}  // namespace kg
