# CMake toolchain for cross-building Trinn (and its dependencies) for 64-bit Windows with
# Debian's mingw-w64 (gcc-mingw-w64-x86-64). TRINN_WIN_PREFIX is the folder build.sh
# installed the cross-built dependencies into; pkg-config looks only there, never at the
# build machine's own /usr/lib.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(TRINN_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${TRINN_MINGW_TRIPLE}-gcc-win32)
set(CMAKE_CXX_COMPILER ${TRINN_MINGW_TRIPLE}-g++-win32)
set(CMAKE_RC_COMPILER ${TRINN_MINGW_TRIPLE}-windres)

if(NOT TRINN_WIN_PREFIX AND DEFINED ENV{TRINN_WIN_PREFIX})
  set(TRINN_WIN_PREFIX $ENV{TRINN_WIN_PREFIX})
endif()
set(TRINN_WIN_PREFIX "${TRINN_WIN_PREFIX}" CACHE PATH "cross-built Windows dependencies")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TRINN_WIN_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/${TRINN_MINGW_TRIPLE} ${TRINN_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
if(TRINN_WIN_PREFIX)
  set(ENV{PKG_CONFIG_LIBDIR} "${TRINN_WIN_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
endif()

# libgcc and libstdc++ go inside each program and DLL, so the set needs no compiler DLLs.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")

# ctest runs the Windows programs through wine.
set(CMAKE_CROSSCOMPILING_EMULATOR wine)
