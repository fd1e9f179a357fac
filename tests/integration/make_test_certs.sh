#!/bin/sh
# Makes a throw-away CA and two server certificates signed by it, for siren_net_tests only:
#   ca.pem                      the CA the tests trust
#   localhost.pem/.key          for localhost and 127.0.0.1 (the certificate the client accepts)
#   other.pem/.key              for other.invalid (a valid chain but the wrong host name)
# Usage: make_test_certs.sh OUTPUT_DIR
set -eu
out=$1
mkdir -p "$out"
cd "$out"

# Our own configuration, so that the system's openssl.cnf cannot add or clash with extensions.
cat > openssl.cnf <<'CNF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[localhost]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
authorityKeyIdentifier = keyid
[other]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.invalid
authorityKeyIdentifier = keyid
CNF

new_key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -noenc"
openssl req -x509 -config openssl.cnf -extensions ca $new_key -keyout ca.key -out ca.pem \
    -subj "/CN=siren test CA" -days 3650
for name in localhost other; do
    openssl req -new -config openssl.cnf $new_key -keyout "$name.key" -out "$name.csr" \
        -subj "/CN=$name"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
        -days 3650 -extfile openssl.cnf -extensions "$name" -out "$name.pem"
    rm "$name.csr"
done
