//! Photos of safety-walk findings: checked to be a JPEG or PNG picture, decoded and
//! encoded again, which leaves every piece of metadata behind (EXIF with the phone's GPS
//! position and serial number, XMP, comments), turned upright by the EXIF orientation
//! first, and made no larger than a screen needs.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use lofte_db::safety_walks::FindingPhoto;
use lofte_domain::Problem;

/// The largest photo accepted, in megabytes (phones take 3–8 MB pictures).
pub const MAX_MB: u32 = 12;

/// Longest side of a stored photo, in pixels: enough for a laptop screen.
const MAX_SIDE: u32 = 1600;

/// Refuses pictures larger than this many pixels a side before decoding them, so that a
/// small file that claims to be huge cannot take the server's memory.
const MAX_DECODED_SIDE: u32 = 12_000;

/// Checks and cleans an uploaded photo.
pub fn clean(bytes: &[u8]) -> Result<FindingPhoto, Problem> {
    if bytes.len() > MAX_MB as usize * 1024 * 1024 {
        return Err(Problem::FileTooLarge { max_mb: MAX_MB });
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err(Problem::NotAnImage),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Problem::NotAnImage)?;
    let orientation = decoder.orientation().map_err(|_| Problem::NotAnImage)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| Problem::NotAnImage)?;
    picture.apply_orientation(orientation);
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    let mut out = Cursor::new(Vec::new());
    let media_type = match format {
        ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            DynamicImage::ImageRgb8(picture.to_rgb8())
                .write_with_encoder(encoder)
                .map_err(|_| Problem::NotAnImage)?;
            "image/jpeg"
        }
        _ => {
            picture
                .write_to(&mut out, ImageFormat::Png)
                .map_err(|_| Problem::NotAnImage)?;
            "image/png"
        }
    };
    Ok(FindingPhoto {
        media_type: media_type.to_owned(),
        data: out.into_inner(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG as a phone writes it: an EXIF block (here with a made-up GPS note) first.
    pub(crate) fn phone_photo(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut jpeg = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(picture)
            .write_to(&mut jpeg, ImageFormat::Jpeg)
            .unwrap();
        let jpeg = jpeg.into_inner();
        // APP1 "Exif": a little-endian TIFF header with an empty IFD, then the note.
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
        exif.extend_from_slice(b"GPS 59.0575N 16.5871E serial LOFTE-PHONE-1234");
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(&exif);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&segment);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn metadata_is_stripped_and_large_photos_are_made_smaller() {
        let upload = phone_photo(2400, 1200);
        assert!(contains(&upload, b"LOFTE-PHONE-1234"));
        let photo = clean(&upload).unwrap();
        assert_eq!(photo.media_type, "image/jpeg");
        assert!(!contains(&photo.data, b"Exif"));
        assert!(!contains(&photo.data, b"LOFTE-PHONE-1234"));
        let stored = image::load_from_memory(&photo.data).unwrap();
        assert_eq!((stored.width(), stored.height()), (1600, 800));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(clean(b"%PDF-1.7 not a picture"), Err(Problem::NotAnImage));
        assert_eq!(clean(b"<svg onload=alert(1)>"), Err(Problem::NotAnImage));
        let mut truncated = phone_photo(64, 64);
        truncated.truncate(300);
        assert_eq!(clean(&truncated), Err(Problem::NotAnImage));
        let huge = vec![0xFF; (MAX_MB as usize + 1) * 1024 * 1024];
        assert_eq!(clean(&huge), Err(Problem::FileTooLarge { max_mb: MAX_MB }));
    }
}
