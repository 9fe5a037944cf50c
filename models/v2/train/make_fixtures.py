#!/usr/bin/env python3
"""Fixtures for model v2's benchmark and intended-use tests, written into tests/fixtures/.

    /usr/bin/python3 models/v2/train/make_fixtures.py

- models/conv-peak.onnx: one 3x3 convolution, 32 -> 32 channels (same padding), batch, height and
  width dynamic: 2 * 32 * 32 * 9 * H * W FLOPs per image. models/matmul-peak-dynamic.onnx: one MatMul
  with dynamic M, K, N (2 * M * K * N FLOPs). The benchmark measures the CPU's practical peak with
  them under the model's own session options, at run lengths like the model's (a long run on a shared
  host is almost always interrupted, a sub-millisecond one often is not).
- dicom/chest-cr.dcm: a synthetic chest radiograph (CR, CHEST, MONOCHROME2, 0.15 mm pixels, 045Y)
  inside model v2's intended use; dicom/chest-ct-slice.dcm: a synthetic axial CT slice (CT, CHEST).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import data

ROOT = Path(__file__).resolve().parents[3]
MODELS = ROOT / "tests" / "fixtures" / "models"
DICOM = ROOT / "tests" / "fixtures" / "dicom"
CONV_CHANNELS = 32


def write_conv_peak_model():
    rng = np.random.default_rng(7)
    weight = numpy_helper.from_array(rng.normal(0, 0.1, (CONV_CHANNELS, CONV_CHANNELS, 3, 3)).astype(np.float32), "w")
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", CONV_CHANNELS, "H", "W"])]
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", CONV_CHANNELS, "H", "W"])]
    node = helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    graph = helper.make_graph([node], "conv_peak", inputs, outputs, initializer=[weight])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(MODELS / "conv-peak.onnx"))


def write_dynamic_matmul_model():
    inputs = [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["M", "K"]),
              helper.make_tensor_value_info("b", TensorProto.FLOAT, ["K", "N"])]
    outputs = [helper.make_tensor_value_info("c", TensorProto.FLOAT, ["M", "N"])]
    graph = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["c"])], "matmul_peak_dynamic", inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(MODELS / "matmul-peak-dynamic.onnx"))


def write_dicom(name: str, pixels: np.ndarray, modality: str, body_part: str, spacing_mm: float, age: str):
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1" if modality == "CR" else "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[f"mmfm-v2-fixture-{name}"])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(name, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid(entropy_srcs=[f"mmfm-v2-study-{name}"])
    ds.SeriesInstanceUID = generate_uid(entropy_srcs=[f"mmfm-v2-series-{name}"])
    ds.Modality = modality
    ds.BodyPartExamined = body_part
    ds.PatientName = "Synthetic^Fixture"  # no real person
    ds.PatientID = "SYN-0001"
    ds.PatientSex = "F"
    ds.PatientAge = age
    ds.StudyDate = "20260105"
    ds.Rows, ds.Columns = pixels.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    if modality == "CR":
        ds.ImagerPixelSpacing = [spacing_mm, spacing_mm]
        ds.BurnedInAnnotation = "NO"
    else:
        ds.PixelSpacing = [spacing_mm, spacing_mm]
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.PixelData = pixels.astype(np.uint16).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(str(DICOM / name), write_like_original=False)


def write_dicoms():
    cases = data.make_cases(99, 1)
    raw = cases["raw_images"][0]
    scaled = (raw - raw.min()) / (raw.max() - raw.min()) * 4000
    write_dicom("chest-cr.dcm", np.kron(scaled, np.ones((4, 4))), "CR", "CHEST", 0.15, "045Y")
    ct = data.make_out_of_distribution_images(99, 1)["axialCtSlice"][0]
    write_dicom("chest-ct-slice.dcm", np.clip(np.kron(ct, np.ones((4, 4))) + 1024, 0, 4095), "CT", "CHEST", 0.7, "045Y")


if __name__ == "__main__":
    write_conv_peak_model()
    write_dynamic_matmul_model()
    write_dicoms()
