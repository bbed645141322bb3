# A CoCo-style EAR attestation policy, reduced to its TDX branch: it turns a TDX claim set
# into AR4SI trust claims, comparing measurements with reference values looked up through the
# host function query_reference_value.
package policy

import rego.v1

default executables := 33

default hardware := 97

default configuration := 36

default file_system := 0

default instance_identity := 0

default runtime_opaque := 0

default storage_opaque := 0

default sourced_data := 0

intel_qe_vendor := "939a7233f79c4ca9940a0db3957f0607"

rtmrs_match if {
	input.tdx.quote.body.rtmr_1 in query_reference_value("rtmr_1")
	input.tdx.quote.body.rtmr_2 in query_reference_value("rtmr_2")
}

kernel_matches if {
	some event in input.tdx.uefi_event_logs
	event.type_name == "EV_EFI_BOOT_SERVICES_APPLICATION"
	some path in event.details.device_paths
	contains(path, "File(kernel)")
	some digest in event.digests
	digest.digest in query_reference_value("tdvfkernel")
}

kernel_params_match if {
	some event in input.tdx.uefi_event_logs
	event.type_name == "EV_EVENT_TAG"
	event.details.string == "LOADED_IMAGE::LoadOptions"
	some digest in event.digests
	digest.digest in query_reference_value("tdvfkernelparams")
}

executables := 3 if {
	input.tdx
	rtmrs_match
	kernel_matches
	kernel_params_match
} else := 4 if {
	input.tdx
	rtmrs_match
}

hardware := 2 if {
	input.tdx.quote.header.tee_type == "81000000"
	input.tdx.quote.header.vendor_id == intel_qe_vendor
	input.tdx.quote.body.mr_td in query_reference_value("mr_td")
	input.tdx.tcb_status == "UpToDate"
	input.tdx.collateral_expiration_status == "0"
}

configuration := 2 if {
	input.tdx.td_attributes.debug == false
	input.tdx.quote.body.xfam in query_reference_value("xfam")
}

trust_claims := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
	"file-system": file_system,
	"instance-identity": instance_identity,
	"runtime-opaque": runtime_opaque,
	"storage-opaque": storage_opaque,
	"sourced-data": sourced_data,
}

container_images := {image |
	some container in input.init_data_claims.agent_policy_claims.containers
	image := container.OCI.Annotations["io.kubernetes.cri.image-name"]
}

container_uids := {uid |
	some container in input.init_data_claims.agent_policy_claims.containers
	uid := container.OCI.Process.User.UID
}

identifiers contains {"container_images": container_images} if count(container_images) > 0

identifiers contains {"container_uids": container_uids} if count(container_uids) > 0

extensions := [{"name": "ear.trustee.identifiers", "key": -18, "value": {"validated": object.union_n([x | some x in identifiers])}}]
