#ifndef SEATPLAN_CBC_PROGRESS_H
#define SEATPLAN_CBC_PROGRESS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Called during a CBC solve: `kind` 0 = periodic tick (at most every `interval` seconds),
/// 1 = a new incumbent. Values are in CBC's minimisation sense. Return non-zero to stop the solve.
typedef int (*seatplan_cbc_progress_fn)(void *context, int kind, double incumbent, double bound, int nodes, double seconds);

/// Installs a progress handler on a model made by Cbc_newModel (a `Cbc_Model *`).
void seatplan_cbc_attach_progress(void *cbcModel, seatplan_cbc_progress_fn fn, void *context, double interval);

#ifdef __cplusplus
}
#endif
#endif
