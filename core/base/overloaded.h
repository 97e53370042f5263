// The usual visitor helper for std::visit over several lambdas.
#pragma once

namespace zoolab::core {
template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;
}  // namespace zoolab::core
