#ifndef SEATPLAN_CRENAMEEXCHANGE_H
#define SEATPLAN_CRENAMEEXCHANGE_H

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): after it each name holds what
/// the other held, with no moment at which either is missing. Returns 0, or -1 with errno set
/// (EINVAL or ENOSYS where the file system or kernel cannot exchange).
int seatplan_rename_exchange(const char *from, const char *to);

#endif
