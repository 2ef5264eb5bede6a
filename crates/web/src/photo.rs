//! Photos of safety-walk findings: checked to be a JPEG or PNG picture, decoded and
//! encoded again, which leaves every piece of metadata behind (EXIF with the phone's GPS
//! position and serial number, XMP, comments), turned upright by the EXIF orientation
//! first, and made no larger than a screen needs.
//!
//! Decoding costs time and memory in proportion to the pixels, and a small file can
//! claim very many (a 420 KB PNG of 12,000 × 12,000 pixels decodes to 144 MB). So the
//! size is read from the picture's header and a picture of more than
//! [`MAX_MEGAPIXELS`] is refused before any pixel is decoded, and the web tier cleans
//! photos with [`clean_off_runtime`]: on tokio's blocking threads, so the async threads
//! keep answering requests, and at most [`DECODES_AT_ONCE`] at a time in the process,
//! so a burst of uploads cannot take more than that many pictures' memory.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader};
use lofte_db::safety_walks::FindingPhoto;
use lofte_domain::Problem;
use tokio::sync::Semaphore;

/// The largest photo accepted, in megabytes (phones take 3–8 MB pictures).
pub const MAX_MB: u32 = 12;

/// Longest side of a stored photo, in pixels: enough for a laptop screen.
const MAX_SIDE: u32 = 1600;

/// The most pixels a photo may have, in millions. Phone cameras take 12 to 50
/// megapixels (those with larger sensors save 12 MP pictures unless told otherwise), and
/// a stored photo has at most 1600 × 1600 = 2.6 MP anyway.
pub const MAX_MEGAPIXELS: u32 = 50;

const MAX_PIXELS: u64 = MAX_MEGAPIXELS as u64 * 1_000_000;

/// The most memory the decoder may take for one picture: a picture of
/// [`MAX_MEGAPIXELS`] in RGBA with 8 bits a channel (200 MB) and some room. A picture
/// whose decoded pixels alone need more (16 bits a channel at that size) is refused
/// before decoding too.
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// How many photos are decoded at once in the whole process. Each may take up to
/// [`MAX_DECODED_BYTES`] and more for scaling it down, and a core for a second or two.
pub const DECODES_AT_ONCE: usize = 2;

/// Places for decoding; [`clean_off_runtime`] takes one for each photo.
static DECODES: Semaphore = Semaphore::const_new(DECODES_AT_ONCE);

/// A photo could not be cleaned because the task doing it failed (it panicked, or the
/// runtime is shutting down): the server's fault, not the photo's, so an internal error
/// rather than a message on the form.
#[derive(Debug, thiserror::Error)]
#[error("cleaning the photo failed: {0}")]
pub struct CleanFailed(#[from] tokio::task::JoinError);

/// [`clean`] on a blocking thread, waiting while [`DECODES_AT_ONCE`] other photos are
/// being cleaned. The outer error is the server's ([`CleanFailed`], answer 500), the
/// inner one the photo's (a [`Problem`] for the form's `photo` field).
///
/// A file that is too large or no JPEG or PNG is refused at once, without waiting.
pub async fn clean_off_runtime(
    bytes: Vec<u8>,
) -> Result<Result<FindingPhoto, Problem>, CleanFailed> {
    if let Err(problem) = sniff(&bytes) {
        return Ok(Err(problem));
    }
    let permit = DECODES
        .acquire()
        .await
        .expect("the decoding semaphore is never closed");
    Ok(tokio::task::spawn_blocking(move || {
        // Held by the blocking task, not by the request: if the client goes away while
        // the photo is being decoded, the place is given back only when the work ends.
        let _permit = permit;
        clean(&bytes)
    })
    .await?)
}

/// Checks and cleans an uploaded photo. This takes a core for up to a second or two for
/// a large photo: async code calls [`clean_off_runtime`] instead.
pub fn clean(bytes: &[u8]) -> Result<FindingPhoto, Problem> {
    let format = sniff(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // Reads the header (size, colour type, for PNG the chunks before the pixel data),
    // not the pixels.
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_DECODED_BYTES
    {
        return Err(too_many_pixels());
    }
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    // Made smaller before it is turned upright: turning copies the whole picture, and
    // the bound is a square, so the order does not change the result's size.
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle);
    }
    picture.apply_orientation(orientation);
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

/// The checks that need no decoding: the file's size, and a JPEG or PNG signature.
fn sniff(bytes: &[u8]) -> Result<ImageFormat, Problem> {
    if bytes.len() > MAX_MB as usize * 1024 * 1024 {
        return Err(Problem::FileTooLarge { max_mb: MAX_MB });
    }
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => Ok(f),
        _ => Err(Problem::NotAnImage),
    }
}

fn too_many_pixels() -> Problem {
    Problem::ImageTooLarge {
        max_megapixels: MAX_MEGAPIXELS,
    }
}

/// A decoder's error as the uploader's problem: over a limit is too many pixels,
/// anything else a file that is not (or no longer) a picture.
fn refusal(error: ImageError) -> Problem {
    match error {
        ImageError::Limits(_) => too_many_pixels(),
        _ => Problem::NotAnImage,
    }
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

    /// A real PNG of 12,000 × 12,000 grey pixels (144 megapixels, 144 MB decoded) that
    /// compresses to a few hundred kilobytes: a picture a phone never takes, in a file
    /// small enough to upload. Made once for all tests.
    fn pixel_bomb() -> &'static [u8] {
        static PNG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        PNG.get_or_init(|| {
            let side = 12_000;
            let picture = image::GrayImage::new(side, side);
            let mut png = Cursor::new(Vec::new());
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut png,
                image::codecs::png::CompressionType::Fast,
                image::codecs::png::FilterType::NoFilter,
            );
            picture.write_with_encoder(encoder).unwrap();
            png.into_inner()
        })
    }

    #[test]
    fn pictures_with_too_many_pixels_are_refused_before_decoding() {
        let bomb = pixel_bomb();
        assert!(bomb.len() < MAX_MB as usize * 1024 * 1024, "{}", bomb.len());
        let size = ImageReader::with_format(Cursor::new(bomb), ImageFormat::Png)
            .into_dimensions()
            .unwrap();
        assert_eq!(size, (12_000, 12_000));
        assert!(u64::from(size.0) * u64::from(size.1) > MAX_PIXELS);
        assert_eq!(
            clean(bomb),
            Err(Problem::ImageTooLarge {
                max_megapixels: MAX_MEGAPIXELS
            })
        );
    }

    #[test]
    fn limit_errors_are_too_many_pixels() {
        let limit = ImageError::Limits(image::error::LimitError::from_kind(
            image::error::LimitErrorKind::InsufficientMemory,
        ));
        assert_eq!(refusal(limit), too_many_pixels());
    }

    /// The only test that takes places for decoding, so that no other test can hold one
    /// while this one counts them.
    #[tokio::test]
    async fn cleaning_off_the_runtime_refuses_and_accepts_as_clean_does() {
        let refused = clean_off_runtime(pixel_bomb().to_vec()).await.unwrap();
        assert_eq!(refused, Err(too_many_pixels()));

        let photo = clean_off_runtime(phone_photo(2400, 1200))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(photo.media_type, "image/jpeg");
        assert!(!contains(&photo.data, b"LOFTE-PHONE-1234"));
        let stored = image::load_from_memory(&photo.data).unwrap();
        assert_eq!((stored.width(), stored.height()), (1600, 800));
        assert_eq!(
            DECODES.available_permits(),
            DECODES_AT_ONCE,
            "places given back"
        );

        // With every place taken, a photo waits; a file that is no picture does not.
        let taken = DECODES.acquire_many(DECODES_AT_ONCE as u32).await.unwrap();
        let waiting = tokio::spawn(clean_off_runtime(phone_photo(64, 48)));
        assert_eq!(
            clean_off_runtime(b"%PDF-1.7".to_vec()).await.unwrap(),
            Err(Problem::NotAnImage)
        );
        for _ in 0..100 {
            tokio::task::yield_now().await;
        }
        assert!(!waiting.is_finished(), "no place to decode in");
        drop(taken);
        let photo = waiting.await.unwrap().unwrap().unwrap();
        let stored = image::load_from_memory(&photo.data).unwrap();
        assert_eq!((stored.width(), stored.height()), (64, 48));
        assert_eq!(DECODES.available_permits(), DECODES_AT_ONCE);
    }
}
