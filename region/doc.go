// Package region owns the national administrative divisions (国家统计局
// 2023 统计用区划代码: 31 provinces, 342 cities, 2,978 counties, embedded
// from data/*.csv) and the lookup of a body's region from its name.
//
// Codes are six digits: a province's or city's 2- or 4-digit code is padded
// with zeros (上海市 310000, 十堰市 420300). Short forms (湖北, 十堰, 平潭)
// are known where no other division shares them, and 平潭综合实验区 stands
// for 平潭县 (350128). A name several divisions share is resolved from the
// report's text or left unresolved; a region is never guessed.
//
// The package imports only the standard library.
package region
