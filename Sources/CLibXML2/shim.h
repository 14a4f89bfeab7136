#ifndef SCEAU_CLIBXML2_SHIM_H
#define SCEAU_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so encoding.h would pull in the system's ICU headers, which clash
 * with the ICU that Foundation embeds (_FoundationICU). Sceau never touches the encoding handlers whose
 * layout this changes, so the ICU part of the headers is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#endif
