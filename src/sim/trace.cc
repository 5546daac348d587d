#include "sim/trace.h"

#include <cstdio>


namespace linuxnet {

static const char* const kNames[] = {
#define X(n) #n,
    LINUXNET_KFUNCS(X)
#undef X
};

const char* KFnName(KFn f) { return f < KF_COUNT ? kNames[f] : "?"; }

}  // namespace linuxnet
