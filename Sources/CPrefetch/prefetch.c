// The prefetch hints are static inline functions in include/prefetch.h, inlined
// where Swift calls them; a C target needs one source file to build.
#include "prefetch.h"
