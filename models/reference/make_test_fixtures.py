#!/usr/bin/env python3
"""Write the small fixtures the TypeScript tests and the benchmark need into tests/fixtures/.

    /usr/bin/python3 models/reference/make_test_fixtures.py

- models/wrong-image-size.onnx: same tensor names as the reference model but a 32x32 image input,
  so the manifest check must refuse it.
- models/matmul-peak.onnx: one 1024x1024x1024 MatMul, used by the benchmark to measure the CPU's
  practical float32 peak through onnxruntime with the same thread settings.
- images/*.png: a 16-bit grayscale gradient and an 8-bit RGB image with known pixel values.
- dicom/*.dcm: pydicom's public test files (CT_small, MR_small and transfer-syntax variants, one
  JPEG-compressed file) plus a synthetic MONOCHROME1, 8-bit, 3-frame file with known pixel values.
"""
from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "tests" / "fixtures" / "models"
DICOM = ROOT / "tests" / "fixtures" / "dicom"
IMAGES = ROOT / "tests" / "fixtures" / "images"
PYDICOM_FILES = Path("/usr/lib/python3/dist-packages/pydicom/data/test_files")


def write_wrong_image_size_model():
    inputs = [
        helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 1, 32, 32]),
        helper.make_tensor_value_info("labs", TensorProto.FLOAT, ["N", 8]),
        helper.make_tensor_value_info("note_tokens", TensorProto.INT64, ["N", 32]),
        helper.make_tensor_value_info("modality_mask", TensorProto.FLOAT, ["N", 3]),
    ]
    outputs = [
        helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["N", 1]),
        helper.make_tensor_value_info("heatmap", TensorProto.FLOAT, ["N", 1, 16, 16]),
    ]
    nodes = [
        helper.make_node("ReduceMean", ["labs"], ["labs_mean"], axes=[1], keepdims=1),
        helper.make_node("Sigmoid", ["labs_mean"], ["probability"]),
        helper.make_node("AveragePool", ["image"], ["pooled"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Sigmoid", ["pooled"], ["heatmap"]),
    ]
    graph = helper.make_graph(nodes, "wrong_image_size", inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_test_fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(MODELS / "wrong-image-size.onnx"))


def write_matmul_peak_model(size: int = 1024):
    inputs = [helper.make_tensor_value_info("a", TensorProto.FLOAT, [size, size]),
              helper.make_tensor_value_info("b", TensorProto.FLOAT, [size, size])]
    outputs = [helper.make_tensor_value_info("c", TensorProto.FLOAT, [size, size])]
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "matmul_peak", inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_test_fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(MODELS / "matmul-peak.onnx"))


def write_synthetic_monochrome1_multiframe():
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"  # Secondary Capture
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=["mmfm-fixture-mono1"])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset("mono1.dcm", {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "DX"
    ds.PatientName = "Synthetic^Fixture"  # no real person
    ds.Rows, ds.Columns, ds.NumberOfFrames = 4, 6, 3
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME1"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.RescaleSlope, ds.RescaleIntercept = 2, -10
    ds.WindowCenter, ds.WindowWidth = 100, 200
    # frame f, row r, column c holds 10 * f + 6 * r + c (stored value)
    frames = np.array([[[10 * f + 6 * r + c for c in range(6)] for r in range(4)] for f in range(3)], dtype=np.uint8)
    ds.PixelData = frames.tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(str(DICOM / "synthetic-mono1-8bit-3frames.dcm"), write_like_original=False)


def write_png(path: Path, width: int, height: int, bit_depth: int, colour_type: int, rows: list[bytes]):
    """Minimal PNG writer (filter 0 on every row) so no imaging library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def write_png_fixtures():
    # gray16: value at (x, y) = 1000 * x + 10 * y
    gray_rows = [b"".join(struct.pack(">H", 1000 * x + 10 * y) for x in range(48)) for y in range(40)]
    write_png(IMAGES / "gradient-gray16-48x40.png", 48, 40, 16, 0, gray_rows)
    # rgb8: (r, g, b) at (x, y) = (40 * x, 60 * y, 100)
    rgb_rows = [bytes(v for x in range(6) for v in (40 * x, 60 * y, 100)) for y in range(4)]
    write_png(IMAGES / "rgb8-6x4.png", 6, 4, 8, 2, rgb_rows)


def main():
    MODELS.mkdir(parents=True, exist_ok=True)
    DICOM.mkdir(parents=True, exist_ok=True)
    IMAGES.mkdir(parents=True, exist_ok=True)
    write_png_fixtures()
    write_wrong_image_size_model()
    write_matmul_peak_model()
    for name in ["CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "JPEG-lossy.dcm"]:
        shutil.copyfile(PYDICOM_FILES / name, DICOM / name)
    write_synthetic_monochrome1_multiframe()
    for path in sorted(list(MODELS.iterdir()) + list(DICOM.iterdir()) + list(IMAGES.iterdir())):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
