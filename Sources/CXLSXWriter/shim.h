#ifndef SEATPLAN_CXLSXWRITER_SHIM_H
#define SEATPLAN_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
