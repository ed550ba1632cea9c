/** @file The lwpxe version: one string for the banner, ${version} and the HTTP User-Agent. */
#ifndef LWPXE_VERSION_H
#define LWPXE_VERSION_H

/** Version of this build */
#define LWPXE_VERSION "0.1"

#endif
