// A ttRPC client built on containerd's ttrpc package (not on coco4j), used to check that coco4j's
// attestation agent and confidential data hub speak ttRPC as other implementations do. The
// messages are declared here with protobuf struct tags (field names and numbers of the CoCo
// protos); the framing and envelopes are containerd's.
//
// Usage: coco4j-ttrpc-client SOCKET tee-type | evidence HEX | resource URI
// Prints the answer on stdout, or "ERROR <grpc code> <message>" and exits 3 on an RPC error.
package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/containerd/ttrpc"
	"github.com/gogo/protobuf/proto"
	"google.golang.org/grpc/status"
)

type GetTeeTypeRequest struct{}

func (m *GetTeeTypeRequest) Reset()         { *m = GetTeeTypeRequest{} }
func (m *GetTeeTypeRequest) String() string { return proto.CompactTextString(m) }
func (*GetTeeTypeRequest) ProtoMessage()    {}

type GetTeeTypeResponse struct {
	Tee string `protobuf:"bytes,1,opt,name=tee,proto3" json:"tee,omitempty"`
}

func (m *GetTeeTypeResponse) Reset()         { *m = GetTeeTypeResponse{} }
func (m *GetTeeTypeResponse) String() string { return proto.CompactTextString(m) }
func (*GetTeeTypeResponse) ProtoMessage()    {}

type GetEvidenceRequest struct {
	RuntimeData []byte `protobuf:"bytes,1,opt,name=RuntimeData,proto3" json:"RuntimeData,omitempty"`
}

func (m *GetEvidenceRequest) Reset()         { *m = GetEvidenceRequest{} }
func (m *GetEvidenceRequest) String() string { return proto.CompactTextString(m) }
func (*GetEvidenceRequest) ProtoMessage()    {}

type GetEvidenceResponse struct {
	Evidence []byte `protobuf:"bytes,1,opt,name=Evidence,proto3" json:"Evidence,omitempty"`
}

func (m *GetEvidenceResponse) Reset()         { *m = GetEvidenceResponse{} }
func (m *GetEvidenceResponse) String() string { return proto.CompactTextString(m) }
func (*GetEvidenceResponse) ProtoMessage()    {}

type GetResourceRequest struct {
	ResourcePath string `protobuf:"bytes,1,opt,name=ResourcePath,proto3" json:"ResourcePath,omitempty"`
}

func (m *GetResourceRequest) Reset()         { *m = GetResourceRequest{} }
func (m *GetResourceRequest) String() string { return proto.CompactTextString(m) }
func (*GetResourceRequest) ProtoMessage()    {}

type GetResourceResponse struct {
	Resource []byte `protobuf:"bytes,1,opt,name=Resource,proto3" json:"Resource,omitempty"`
}

func (m *GetResourceResponse) Reset()         { *m = GetResourceResponse{} }
func (m *GetResourceResponse) String() string { return proto.CompactTextString(m) }
func (*GetResourceResponse) ProtoMessage()    {}

func fail(err error) {
	if st, ok := status.FromError(err); ok {
		fmt.Printf("ERROR %d %s\n", st.Code(), st.Message())
		os.Exit(3)
	}
	fmt.Fprintln(os.Stderr, "transport error:", err)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: coco4j-ttrpc-client SOCKET tee-type | evidence HEX | resource URI")
		os.Exit(2)
	}
	conn, err := net.Dial("unix", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "dial:", err)
		os.Exit(1)
	}
	client := ttrpc.NewClient(conn)
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	switch os.Args[2] {
	case "tee-type":
		var resp GetTeeTypeResponse
		if err := client.Call(ctx, "attestation_agent.AttestationAgentService", "GetTeeType", &GetTeeTypeRequest{}, &resp); err != nil {
			fail(err)
		}
		fmt.Println(resp.Tee)
	case "evidence":
		data, err := hex.DecodeString(os.Args[3])
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad hex:", err)
			os.Exit(2)
		}
		var resp GetEvidenceResponse
		if err := client.Call(ctx, "attestation_agent.AttestationAgentService", "GetEvidence", &GetEvidenceRequest{RuntimeData: data}, &resp); err != nil {
			fail(err)
		}
		fmt.Println(string(resp.Evidence))
	case "resource":
		var resp GetResourceResponse
		if err := client.Call(ctx, "api.GetResourceService", "GetResource", &GetResourceRequest{ResourcePath: os.Args[3]}, &resp); err != nil {
			fail(err)
		}
		fmt.Println(hex.EncodeToString(resp.Resource))
	default:
		fmt.Fprintln(os.Stderr, "unknown command", os.Args[2])
		os.Exit(2)
	}
}
