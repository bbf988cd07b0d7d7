# CPack settings for the Debian package. Build it with platform/linux/build-deb.sh, which
# compiles with dpkg-buildflags' hardening and runs cpack -G DEB; lintian should report no
# errors (tests/build/test_deb.sh checks that and runs the unpacked programs).
set(CPACK_PACKAGE_NAME trinn)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "self-assessment, self-help and symptom tracking for Rask psykisk helsehjelp")
# The long description (CPack puts the summary above it as the synopsis).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Trinn is for clients of Norway's Rask psykisk helsehjelp services. A
self-assessment recommends a care level and lets the client choose,
self-help modules based on cognitive behavioural therapy teach skills step
by step, and check-ins and questionnaires are charted over time. Answers
stay on the computer, in a journal encrypted with the client's passphrase,
or are not saved at all in guest mode.
.
This package holds the SDL2 front end (trinn), the command-line tool for
clinical leads (trinnctl) and the default content pack in bokmål, nynorsk
and English.")
# TRINN_DEB_MAINTAINER: see platform/linux/CMakeLists.txt (also written into the changelog).
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TRINN_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends: from dpkg-shlibdeps
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Directories the package creates get 0755 whatever the builder's umask.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_GENERATOR DEB)
include(CPack)
