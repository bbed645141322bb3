# coco4j default attestation policy for GPU evidence (policy id "default_gpu").
#
# Input: the annotated evidence of one GPU submod ({"nvidia": {...}} or {"sampledevice": {...}}).
# Reference values come from the RVPS through query_reference_value(name).
#
# NVIDIA claims come in two shapes: the local verifier's ({"arch", "uuid", "config", "measurements"},
# the report's signature, certificate chain, FWID and nonce already checked), and NRAS's
# ("x-nvidia-*" claims) when a remote verifier produced them.
package policy

import rego.v1

default executables := 33

default hardware := 97

default configuration := 36

trust_claims := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
	"file-system": 0,
	"instance-identity": 0,
	"runtime-opaque": 0,
	"storage-opaque": 0,
	"sourced-data": 0,
}

# ---- sampledevice (test device; development mode only) ----

hardware := 2 if {
	input.sampledevice
	input.sampledevice.svn in query_reference_value("device_svn")
}

# ---- NVIDIA GPU, verified locally ----

local_nvidia if {
	input.nvidia.arch in {"Hopper", "Blackwell"}
	is_object(input.nvidia.config)
	is_object(input.nvidia.measurements)
}

# The verifier refuses a report unless signature, chain to NVIDIA's root, FWID and nonce hold.
hardware := 2 if local_nvidia

# A string claim is accepted when a non-empty list of strings stored under `name` contains it.
listed(value, name) if {
	is_string(value)
	allowed := query_reference_value(name)
	is_array(allowed)
	count(allowed) > 0
	value in allowed
}

configuration := 2 if {
	local_nvidia
	listed(input.nvidia.config.driver_version, "allowed_driver_versions")
	listed(input.nvidia.config.vbios_version, "allowed_vbios_versions")
	listed(input.nvidia.config.fwid, "allowed_gpu_fwids")
}

# allowed_gpu_measurements: {"<index>": "<hex>" | ["<hex>", ...]}; every listed index must match.
measurement_matches(actual, expected) if {
	is_string(expected)
	actual == expected
}

measurement_matches(actual, expected) if {
	is_array(expected)
	actual in expected
}

executables := 3 if {
	local_nvidia
	reference := query_reference_value("allowed_gpu_measurements")
	is_object(reference)
	count(reference) > 0
	every index, expected in reference {
		measurement_matches(input.nvidia.measurements[index], expected)
	}
}

# ---- NVIDIA GPU, appraised by NRAS ----

nras_nvidia if input.nvidia["x-nvidia-gpu-arch-check"]

hardware := 2 if {
	nras_nvidia
	gpu := input.nvidia
	chain := gpu["x-nvidia-gpu-attestation-report-cert-chain"]
	chain["x-nvidia-cert-ocsp-status"] == "good"
	chain["x-nvidia-cert-status"] == "valid"
	gpu["x-nvidia-gpu-attestation-report-cert-chain-fwid-match"]
	gpu["x-nvidia-gpu-attestation-report-parsed"]
	gpu["x-nvidia-gpu-attestation-report-signature-verified"]
}

configuration := 2 if {
	gpu_locked_down
	input.nvidia["x-nvidia-gpu-vbios-version"] in query_reference_value("allowed_vbios_versions")
	input.nvidia["x-nvidia-gpu-driver-version"] in query_reference_value("allowed_driver_versions")
} else := 3 if {
	gpu_locked_down
}

# Secure boot on and the debug interface off.
gpu_locked_down if {
	nras_nvidia
	input.nvidia.secboot
	input.nvidia.dbgstat == "disabled"
}

executables := 3 if {
	nras_nvidia
	gpu := input.nvidia
	rim_chain := gpu["x-nvidia-gpu-vbios-rim-cert-chain"]
	rim_chain["x-nvidia-cert-ocsp-status"] == "good"
	rim_chain["x-nvidia-cert-status"] == "valid"
	every check in rim_checks {
		gpu[check] == true
	}
	gpu.measres == "success"
}

rim_checks := [sprintf("x-nvidia-gpu-%s-rim-%s", [component, step]) |
	some component in ["driver", "vbios"]
	some step in ["fetched", "measurements-available", "schema-validated", "signature-verified", "version-match"]
]
