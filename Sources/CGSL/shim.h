#ifndef SEATPLAN_CGSL_SHIM_H
#define SEATPLAN_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_spline.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_complex_math.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_siman.h>

/* GSL's interpolation and RNG types are mutable C globals, which Swift 6 refuses as
   not concurrency-safe. These accessors return them by value. */
static inline const gsl_interp_type *seatplan_interp_linear(void) { return gsl_interp_linear; }
static inline const gsl_interp_type *seatplan_interp_steffen(void) { return gsl_interp_steffen; }
static inline const gsl_rng_type *seatplan_rng_mt19937(void) { return gsl_rng_mt19937; }

#endif
