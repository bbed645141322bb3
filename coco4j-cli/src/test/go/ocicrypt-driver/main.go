// Command ocicrypt-driver encrypts or decrypts one layer with Go ocicrypt, the library behind
// skopeo, podman and containerd's imgcrypt, so that tests can exchange layers with it.
//
//	ocicrypt-driver encrypt PLAIN CIPHERTEXT DESCRIPTOR.json KEY...   (recipients, e.g. provider:NAME:VALUE)
//	ocicrypt-driver decrypt CIPHERTEXT DESCRIPTOR.json PLAIN KEY...   (decryption keys, e.g. provider:NAME)
//
// Key providers come from OCICRYPT_KEYPROVIDER_CONFIG, read by ocicrypt at start-up.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/containers/ocicrypt"
	"github.com/containers/ocicrypt/helpers"
	digest "github.com/opencontainers/go-digest"
	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "ocicrypt-driver: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 5 {
		fail("usage: encrypt PLAIN CIPHERTEXT DESCRIPTOR KEY... | decrypt CIPHERTEXT DESCRIPTOR PLAIN KEY...")
	}
	switch os.Args[1] {
	case "encrypt":
		encrypt(os.Args[2], os.Args[3], os.Args[4], os.Args[5:])
	case "decrypt":
		decrypt(os.Args[2], os.Args[3], os.Args[4], os.Args[5:])
	default:
		fail("unknown operation %q", os.Args[1])
	}
}

func encrypt(plainPath, outPath, descPath string, recipients []string) {
	cc, err := helpers.CreateCryptoConfig(recipients, []string{})
	if err != nil {
		fail("crypto config: %v", err)
	}
	plain, err := os.ReadFile(plainPath)
	if err != nil {
		fail("%v", err)
	}
	in, err := os.Open(plainPath)
	if err != nil {
		fail("%v", err)
	}
	defer in.Close()
	desc := ocispec.Descriptor{MediaType: ocispec.MediaTypeImageLayerGzip, Digest: digest.FromBytes(plain), Size: int64(len(plain))}
	reader, finalizer, err := ocicrypt.EncryptLayer(cc.EncryptConfig, in, desc)
	if err != nil {
		fail("EncryptLayer: %v", err)
	}
	out, err := os.Create(outPath)
	if err != nil {
		fail("%v", err)
	}
	digester := digest.Canonical.Digester()
	size, err := io.Copy(io.MultiWriter(out, digester.Hash()), reader)
	if err != nil {
		fail("encrypting: %v", err)
	}
	if err := out.Close(); err != nil {
		fail("%v", err)
	}
	annotations, err := finalizer()
	if err != nil {
		fail("finalizer: %v", err)
	}
	encrypted := ocispec.Descriptor{MediaType: ocispec.MediaTypeImageLayerGzip + "+encrypted", Digest: digester.Digest(), Size: size, Annotations: annotations}
	writeJSON(descPath, encrypted)
}

func decrypt(encPath, descPath, outPath string, keys []string) {
	cc, err := helpers.CreateCryptoConfig([]string{}, keys)
	if err != nil {
		fail("crypto config: %v", err)
	}
	raw, err := os.ReadFile(descPath)
	if err != nil {
		fail("%v", err)
	}
	var desc ocispec.Descriptor
	if err := json.Unmarshal(raw, &desc); err != nil {
		fail("descriptor: %v", err)
	}
	in, err := os.Open(encPath)
	if err != nil {
		fail("%v", err)
	}
	defer in.Close()
	reader, plainDigest, err := ocicrypt.DecryptLayer(cc.DecryptConfig, in, desc, false)
	if err != nil {
		fail("DecryptLayer: %v", err)
	}
	out, err := os.Create(outPath)
	if err != nil {
		fail("%v", err)
	}
	if _, err := io.Copy(out, reader); err != nil {
		fail("decrypting: %v", err)
	}
	if err := out.Close(); err != nil {
		fail("%v", err)
	}
	fmt.Println(plainDigest.String())
}

func writeJSON(path string, value interface{}) {
	data, err := json.Marshal(value)
	if err != nil {
		fail("%v", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		fail("%v", err)
	}
}
