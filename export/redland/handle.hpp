// RAII ownership of Redland (librdf/raptor/rasqal) objects; private to export/.
// Modelled on serd's detail/Wrapper.hpp: a unique_ptr whose deleter is the library's
// free function. Default-constructed and moved-from handles are empty and destroy
// safely. Ownership is handed to a Redland call that takes it with `.release()` at the
// call site, e.g. librdf_new_statement_from_nodes(world, s.release(), p.release(), o.release()).
#pragma once

#include <memory>

namespace kg::rdfio::detail {

template <class T, void (*Free)(T*)>
struct FreeFn {
  void operator()(T* p) const noexcept {
    if (p) Free(p);
  }
};

/// Owning handle: Handle<librdf_model, librdf_free_model>.
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, FreeFn<T, Free>>;

}  // namespace kg::rdfio::detail
