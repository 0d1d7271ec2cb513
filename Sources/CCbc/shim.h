#ifndef SEATPLAN_CCBC_SHIM_H
#define SEATPLAN_CCBC_SHIM_H
#include <coin/Cbc_C_Interface.h>
#endif
