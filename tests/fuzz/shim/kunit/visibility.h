/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing shim: include/kunit/visibility.h as with CONFIG_KUNIT=n. */
#ifndef SHIM_KUNIT_VISIBILITY_H
#define SHIM_KUNIT_VISIBILITY_H

#define VISIBLE_IF_KUNIT static
#define EXPORT_SYMBOL_IF_KUNIT(symbol)

#endif
