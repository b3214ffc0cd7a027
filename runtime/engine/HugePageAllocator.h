//===- HugePageAllocator.h - Large arrays on transparent huge pages -*- C++
//-*-===//
//
// Event-driven propagation jumps to a random column of a large synapse array
// at every spike; with 4 KiB pages nearly every jump also misses the TLB
// (a 1e5 x 1000 network holds 800 MB of synapses). Arrays of 4 MiB and more
// are therefore allocated 2 MiB-aligned and marked MADV_HUGEPAGE, which
// Linux honours where transparent huge pages are in "madvise" or "always"
// mode (a no-op elsewhere). Smaller arrays use the default allocator.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_HUGEPAGEALLOCATOR_H
#define SNN_RUNTIME_ENGINE_HUGEPAGEALLOCATOR_H

#include <cstdlib>
#include <memory>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace snn::runtime {

template <typename T> struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t(2) << 20, kMinBytes = size_t(4) << 20;

  HugePageAllocator() = default;
  template <typename U> HugePageAllocator(const HugePageAllocator<U> &) {}

  T *allocate(size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes < kMinBytes)
      return std::allocator<T>().allocate(n);
    size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void *p = std::aligned_alloc(kHuge, rounded);
    if (!p)
      throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE); // Advice only: failure is harmless.
#endif
    return static_cast<T *>(p);
  }
  void deallocate(T *p, size_t n) {
    if (n * sizeof(T) < kMinBytes)
      std::allocator<T>().deallocate(p, n);
    else
      std::free(p);
  }
  template <typename U> bool operator==(const HugePageAllocator<U> &) const {
    return true;
  }
  template <typename U> bool operator!=(const HugePageAllocator<U> &) const {
    return false;
  }
};

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_HUGEPAGEALLOCATOR_H
