#ifndef SCEAU_CPCSCLITE_SHIM_H
#define SCEAU_CPCSCLITE_SHIM_H
#include <winscard.h>
#include <pcsclite.h>
#include <wintypes.h>
#endif
